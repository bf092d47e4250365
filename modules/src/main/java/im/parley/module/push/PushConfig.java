package im.parley.module.push;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Min;
import java.time.Duration;

/** The {@code push} section. */
@Doc("Push notifications (XEP-0357): app servers that wake a sleeping phone when a message arrives for it.")
public record PushConfig(
        @Doc("Whether notifications carry the message text. Off by default: the app server, and the phone "
                + "platform's push service behind it, then learn only that something arrived and from whom.")
        @Default("false") boolean includeBody,
        @Doc("Whether notifications name the sender.")
        @Default("true") boolean includeSender,
        @Doc("Push registrations one account may have (one per device).")
        @Default("20") @Min("1") int maxRegistrations,
        @Doc("How long to wait for an app server to answer a notification.")
        @Default("30s") @Min("1s") Duration timeout) {
}
