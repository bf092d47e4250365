package im.parley.module.services;

import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.config.Configured;
import im.parley.api.disco.Item;
import im.parley.api.disco.ServiceDirectory;
import java.util.List;
import java.util.function.Predicate;
import org.xmpp.packet.JID;

/**
 * Announces services in disco#items of each served domain (XEP-0030 §4), as configured by the
 * admin, so clients find components such as a group chat service at conference.{domain}.
 * Also publishes the XEP-0157 contact addresses ({@link ContactAddresses}) in disco#info.
 */
@Configured(ServicesConfig.class)
@im.parley.api.Xep(number = 157, version = "1.1.1", note = "contact addresses from services.contacts")
public final class ServicesModule implements Module {

    @Override
    public String name() {
        return "services";
    }

    @Override
    public void start(ModuleContext ctx) {
        ServicesConfig config = ctx.config(ServicesConfig.class);
        ctx.contribute(ServiceDirectory.ExtendedInfoSource.class, new ContactAddresses(config.contacts()));
        if (!config.items().isEmpty()) {
            ctx.contribute(ServiceDirectory.ItemSource.class, new AnnouncedServices(config.items(), ctx.server()::isLocalDomain));
        }
    }

    /** Lists the configured services at the top node of a served domain, for any requester. */
    static final class AnnouncedServices implements ServiceDirectory.ItemSource {
        private final List<ServicesConfig.Entry> entries;
        private final Predicate<String> localDomain;

        AnnouncedServices(List<ServicesConfig.Entry> entries, Predicate<String> localDomain) {
            this.entries = List.copyOf(entries);
            this.localDomain = localDomain;
        }

        @Override
        public List<Item> items(JID address, String node, Origin requester) {
            if (node != null || address == null || address.getNode() != null || address.getResource() != null
                    || !localDomain.test(address.getDomain())) {
                return List.of();
            }
            return entries.stream().map(e -> new Item(e.address(address.getDomain()), null, e.name())).toList();
        }
    }
}
