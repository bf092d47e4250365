package im.parley.module.offline;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Min;
import java.time.Duration;

/** The {@code offline} section. */
@Doc("Messages for users who are offline (XEP-0160), delivered when they next come online.")
public record OfflineConfig(
        @Doc("Messages kept per account; further messages are refused with service-unavailable until some are delivered.")
        @Default("1000") @Min("1") int maxMessages,
        @Doc("Messages older than this are deleted undelivered (0s keeps them forever).")
        @Default("30d") Duration expireAfter) {
}
