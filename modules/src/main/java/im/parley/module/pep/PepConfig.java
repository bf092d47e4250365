package im.parley.module.pep;

import im.parley.api.config.DataSize;
import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;
import im.parley.module.pubsub.Limits;

/** The {@code pep} section. */
@Doc("Personal eventing (XEP-0163): each account's own pubsub nodes, where clients keep OMEMO keys, avatars, "
        + "bookmarks and nickname, and contacts get their updates.")
public record PepConfig(
        @Doc("Items one node keeps at most; a node configured with max_items \"max\" or more keeps this many.")
        @Default("1000") @Min("1") @Max("100000") int maxItems,
        @Doc("Largest item payload, as XML in UTF-8; larger ones are refused with not-acceptable (payload-too-big). "
                + "Keep it below c2s.max_stanza_size.")
        @Default("128KiB") @Min("1KiB") @Max("1MiB") DataSize maxItemSize,
        @Doc("Nodes one account may have; publishing to one more is refused with policy-violation.")
        @Default("200") @Min("1") @Max("100000") int maxNodes) {

    Limits limits() {
        return new Limits(maxItems, maxItemSize.bytes(), maxNodes);
    }
}
