package im.parley.module.stanzaid;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Min;
import java.time.Duration;

/** The {@code stanzaid} section. */
@Doc("Unique and stable stanza IDs (XEP-0359): ids for messages to local users, and duplicates dropped by origin-id.")
public record StanzaIdConfig(
        @Doc("How long a sender's origin-id is remembered: a message sent again with the same origin-id within "
                + "this time (a client resending after a reconnect) is dropped instead of delivered twice.")
        @Default("10m") @Min("1s") Duration dedupeWindow) {
}
