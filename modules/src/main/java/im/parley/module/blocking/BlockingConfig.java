package im.parley.module.blocking;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Min;

/** The {@code blocking} section. */
@Doc("XEP-0191 blocking command: users block other users, servers or single resources.")
public record BlockingConfig(
        @Doc("The most addresses one account may block; a block command that would exceed it is refused "
                + "with not-acceptable. Every blocked address is checked on each stanza to or from the user.")
        @Default("1000") @Min("1") int maxItems) {
}
