package im.parley.module.muc;

import im.parley.api.ModuleContext;
import im.parley.api.admin.AdminException;
import im.parley.api.admin.AdminRequest;
import im.parley.api.admin.AdminResource;
import im.parley.api.admin.AdminResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * {@code /api/v1/rooms} of the admin API: GET lists the rooms of the cluster (persistent ones and
 * those with occupants), POST makes a persistent room ({@code {"room", "name"?, "owner"?}}),
 * DELETE {@code /rooms/<jid>} destroys one as its owner would (§10.9), on whichever node runs it.
 */
final class RoomsResource implements AdminResource {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ModuleContext ctx;
    private final RoomStore store;
    private final MucConfig config;
    private final List<String> services;
    private final RoomOwners owners;

    RoomsResource(ModuleContext ctx, RoomStore store, MucConfig config, List<String> services, RoomOwners owners) {
        this.ctx = ctx;
        this.store = store;
        this.config = config;
        this.services = List.copyOf(services);
        this.owners = owners;
    }

    @Override
    public String name() {
        return "rooms";
    }

    @Override
    public AdminResponse handle(AdminRequest request) throws AdminException {
        if (request.is("GET", 0)) {
            Set<String> rooms = new TreeSet<>(owners.activeRooms());
            Map<String, StoredRoom> stored = new LinkedHashMap<>();
            for (String service : services) {
                store.rooms(service).forEach(r -> stored.put(r.jid(), r));
            }
            rooms.addAll(stored.keySet());
            List<Map<String, Object>> rows = rooms.stream().map(jid -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("jid", jid);
                row.put("name", stored.containsKey(jid) ? stored.get(jid).config().name() : "");
                row.put("persistent", stored.containsKey(jid));
                row.put("active", owners.activeRooms().contains(jid));
                return row;
            }).toList();
            return AdminResponse.ok(Map.of("count", rows.size(), "rooms", rows));
        }
        if (request.is("POST", 0)) {
            JID room = room(request.required("room"));
            if (store.room(room.toBareJID()).isPresent() || owners.activeRooms().contains(room.toBareJID())) {
                throw AdminException.conflict(room.toBareJID() + " exists already");
            }
            RoomConfig defaults = RoomConfig.defaults(config.maxOccupants());
            RoomConfig persistent = new RoomConfig(request.optional("name", ""), "", true, defaults.publicRoom(),
                    defaults.membersOnly(), defaults.moderated(), null, defaults.maxUsers(), defaults.whois(),
                    defaults.changeSubject(), defaults.allowInvites(), defaults.allowPm(), defaults.logging());
            store.save(new StoredRoom(room.toBareJID(), persistent, null, null));
            String owner = request.optional("owner", null);
            if (owner != null) {
                store.affiliate(room.toBareJID(), new StoredAffiliation(new JID(owner).toBareJID(), Affiliation.OWNER, null, null));
            }
            return AdminResponse.created(Map.of("jid", room.toBareJID()));
        }
        if (request.is("DELETE", 1)) {
            JID room = room(request.path().get(0));
            if (store.room(room.toBareJID()).isEmpty() && !owners.activeRooms().contains(room.toBareJID())) {
                throw AdminException.notFound("no room " + room.toBareJID());
            }
            destroy(room, request.query().getOrDefault("reason", "The room was closed by an administrator."));
            return AdminResponse.noContent();
        }
        throw AdminException.notAllowed(request);
    }

    private JID room(String text) throws AdminException {
        JID jid;
        try {
            jid = new JID(text);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("'" + text + "' is not a valid room address");
        }
        if (jid.getNode() == null || jid.getResource() != null || !services.contains(jid.getDomain())) {
            throw AdminException.badRequest("'" + text + "' is not a room address at " + services);
        }
        return jid;
    }

    /** Asks the room, on the node that runs it, to destroy itself; the request comes from the service's own address. */
    private void destroy(JID room, String reason) throws AdminException {
        IQ iq = new IQ(IQ.Type.set);
        iq.setFrom(room.getDomain());
        iq.setTo(room.toBareJID());
        iq.setChildElement("query", MucXml.OWNER).addElement("destroy").addElement("reason").setText(reason);
        try {
            IQ answer = ctx.router().request(iq, TIMEOUT).get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (answer.getType() != IQ.Type.result) {
                throw new AdminException(502, "the room refused: " + answer.getError());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new AdminException(504, "the room did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(503, "interrupted");
        }
    }
}
