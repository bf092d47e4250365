package im.parley.module.pubsub;

import im.parley.api.config.DataSize;
import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;

/** The {@code pubsub} section. */
@Doc("The publish-subscribe service (XEP-0060) at pubsub.<domain> of every served domain, for push app servers "
        + "and other services; users' own nodes are PEP (the pep section).")
public record PubSubConfig(
        @Doc("Whether only the administrators in server.admins may create nodes; otherwise every local user may.")
        @Default("false") boolean adminsOnlyCreate,
        @Doc("Items one node keeps at most; a node configured with max_items \"max\" or more keeps this many.")
        @Default("1000") @Min("1") @Max("100000") int maxItems,
        @Doc("Largest item payload, as XML in UTF-8; larger ones are refused with not-acceptable (payload-too-big).")
        @Default("128KiB") @Min("1KiB") @Max("1MiB") DataSize maxItemSize,
        @Doc("Nodes the service of one domain has at most; creating one more is refused with policy-violation.")
        @Default("10000") @Min("1") @Max("10000000") int maxNodes) {

    Limits limits() {
        return new Limits(maxItems, maxItemSize.bytes(), maxNodes);
    }
}
