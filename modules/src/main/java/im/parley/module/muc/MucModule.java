package im.parley.module.muc;

import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.StanzaException;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.disco.Item;
import im.parley.api.disco.ServiceDirectory;
import im.parley.api.event.ServerStopping;
import im.parley.api.event.SessionClosed;
import im.parley.module.archive.ArchiveStore;
import im.parley.module.archive.InMemoryArchiveStore;
import java.security.SecureRandom;
import java.util.List;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Group chat (XEP-0045): a multi-user chat service at {@code <label>.<domain>} of every served
 * domain, run as a component. Rooms live in memory while they have occupants; persistent rooms,
 * their configuration and affiliations are also kept in the {@link RoomStore}. In a cluster each
 * room runs on one node ({@link RoomOwners}).
 */
@Configured(MucConfig.class)
@Xep(number = 45, version = "1.35.1", note = "rooms, roles, affiliations, every admin and owner use case, registration, "
        + "voice requests; no GC-1.0 (no <x/>) beyond instant rooms")
@Xep(number = 249, version = "1.2", note = "direct invitations pass between clients unchanged")
@Xep(number = 421, version = "0.1.2", note = "occupant ids on presence and messages")
@Xep(number = 410, version = "1.1.0", note = "the room answers an occupant's self-ping")
@Xep(number = 359, version = "0.7.0", note = "stanza-id by the room on archived group chat")
@Xep(number = 424, version = "0.4.0", note = "retraction of one's own group chat messages, checked by occupant id")
@Xep(number = 425, version = "0.3.0", note = "urn:xmpp:message-moderate:1; the archive keeps the original beside the retraction")
public final class MucModule implements Module {
    private PresenceHandler presences;
    private RoomMessages messages;
    private RoomIqs iqs;
    private Muc muc;

    @Override
    public String name() {
        return "muc";
    }

    @Override
    public void start(ModuleContext ctx) {
        MucConfig config = ctx.config(MucConfig.class);
        RoomStore store = ctx.repository(RoomStore.class, InMemoryRoomStore::new);
        RoomArchive archive = new RoomArchive(config.archive()
                ? ctx.repository(ArchiveStore.class, InMemoryArchiveStore::new) : null, ctx.server().clock());
        RoomOwners owners = new RoomOwners(ctx);
        Rooms rooms = new Rooms(store, ctx.router(), ctx.scheduler(), config, archive, owners::release);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        muc = new Muc(ctx, config, rooms, new OccupantIds(key), new Presences(config, rooms), archive);
        Moderation moderation = new Moderation(muc);
        Retractions retractions = new Retractions(muc);
        messages = new RoomMessages(muc, new Invitations(muc, moderation), retractions, new Mentions(muc));
        presences = new PresenceHandler(muc, new Joins(muc));
        iqs = new RoomIqs(muc, moderation, new IqRelay(ctx.router(), ctx.scheduler()), retractions);
        owners.start(this::handle, presences::sessionGone);
        List<String> domains = ctx.component(config.label(), (stanza, origin) -> {
            if (stanza.getFrom() != null && stanza.getTo() != null) {
                owners.dispatch(stanza, 0);
            }
        });
        ctx.contribute(ServiceDirectory.ItemSource.class, (address, node, requester) -> serviceItem(ctx, config, address, node));
        ctx.contribute(im.parley.api.admin.AdminResource.class, new RoomsResource(ctx, store, config, domains, owners));
        io.prometheus.metrics.core.metrics.Gauge activeRooms = ctx.metrics().gauge("rooms", "Rooms with occupants running on this node");
        io.prometheus.metrics.core.metrics.Gauge occupants = ctx.metrics().gauge("occupants", "Occupants of the rooms running on this node");
        ctx.scheduler().scheduleAtFixedRate(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(15), () -> {
            List<Room> active = muc.rooms().active();
            activeRooms.set(active.size());
            occupants.set(active.stream().mapToInt(r -> r.occupants().size()).sum());
        });
        // A session that ends leaves its rooms. A detached session (XEP-0198) stays in them: it gets
        // what the rooms send queued for its resumption, and leaves when it times out and closes.
        ctx.on(SessionClosed.class, e -> owners.sessionEnded(e.session().address(), presences::sessionGone));
        ctx.on(ServerStopping.class, e -> shutdown());
        org.slf4j.LoggerFactory.getLogger(MucModule.class).info("Group chat at {}", domains);
    }

    /** A stanza for the service or a room this node runs. */
    private void handle(Packet stanza) throws StanzaException {
        if (stanza instanceof Presence p) {
            presences.handle(p);
        } else if (stanza instanceof Message m) {
            messages.handle(m);
        } else if (stanza instanceof IQ iq) {
            iqs.handle(iq);
        }
    }

    /** XEP-0030 §4: the service in disco#items of the served domain, so clients find it (XEP-0045 §6.1). */
    private static List<Item> serviceItem(ModuleContext ctx, MucConfig config, JID address, String node) {
        if (node != null || address == null || address.getNode() != null || address.getResource() != null
                || !ctx.server().isLocalDomain(address.getDomain())) {
            return List.of();
        }
        return List.of(new Item(new JID(config.label() + "." + address.getDomain()), null, "Chatrooms"));
    }

    /**
     * Status 332: occupants learn they leave because the server stops. Each device gets only its
     * own self-presence (as on destruction), not everyone's: the room is going away for all.
     */
    private void shutdown() {
        for (Room room : muc.rooms().active()) {
            synchronized (room) {
                List<Packet> out = new java.util.ArrayList<>();
                for (Occupant o : room.occupants()) {
                    for (JID device : o.devices()) {
                        out.add(Presences.build(room, o, null, device, device, true, List.of(332), List.of(), null));
                    }
                }
                room.outbox().sendAll(out);
            }
        }
    }
}
