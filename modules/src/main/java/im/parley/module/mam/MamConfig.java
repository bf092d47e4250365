package im.parley.module.mam;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;
import java.time.Duration;

/** The {@code mam} section. */
@Doc("Message archives (XEP-0313): every user's conversations, kept on the server for all their devices.")
public record MamConfig(
        @Doc("What a user's archive keeps until the user sets preferences: always (every conversation), "
                + "roster (only with contacts in the roster) or never.")
        @Default("always") String defaultMode,
        @Doc("Messages a query returns when it does not say how many.")
        @Default("50") @Min("1") int defaultPageSize,
        @Doc("Most messages one query may ask for; asking for more is answered with policy-violation.")
        @Default("500") @Min("1") @Max("10000") int maxPageSize,
        @Doc("Messages older than this are deleted from every archive (0s keeps them forever). "
                + "A user may choose a shorter time for their own archive.")
        @Default("0s") Duration retention) {

    public MamConfig {
        if (!Prefs.MODES.contains(defaultMode)) {
            throw new IllegalArgumentException("'default_mode' must be one of " + Prefs.MODES + ", got '" + defaultMode + "'");
        }
        if (defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("'default_page_size' (" + defaultPageSize + ") exceeds 'max_page_size' (" + maxPageSize + ")");
        }
    }
}
