package im.parley.module.muc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Occupant presence as the room broadcasts it (XEP-0045 §7.2.2, §7.6, §7.7, §7.14): updates, nick
 * changes and exits, each with its status codes; an occupant's own devices also get 110.
 */
final class Presences {
    private final MucConfig config;
    private final Rooms rooms;

    Presences(MucConfig config, Rooms rooms) {
        this.config = config;
        this.rooms = rooms;
    }

    /** Whether a recipient may see real JIDs (§7.2.3, §7.2.4). */
    static boolean seesJids(Room room, Occupant recipient) {
        return room.config().nonAnonymous() || recipient.role() == Role.MODERATOR;
    }

    /** Whether joins and leaves of an occupant are too many to broadcast in this room. */
    boolean quiet(Room room, Occupant o) {
        int limit = config.presenceBroadcastLimit();
        return limit > 0 && room.size() > limit && o.role() != Role.MODERATOR;
    }

    /**
     * Sends an occupant's presence (or unavailable, when {@code base} is null) to the room.
     *
     * @param onlySelf  send only to the occupant's own devices and the moderators (large rooms)
     * @param item      adds to the muc#user item (nick, actor, reason), or null
     */
    void broadcast(Room room, Occupant o, Presence base, JID realJid, List<Integer> codes, List<Integer> selfCodes,
                   Consumer<Element> item, boolean onlySelf) {
        List<Presence> out = new ArrayList<>();
        for (Occupant r : room.occupants()) {
            boolean self = r == o;
            if (onlySelf && !self && r.role() != Role.MODERATOR) {
                continue;
            }
            for (JID device : r.devices()) {
                out.add(build(room, o, base, realJid, device, seesJids(room, r), codes, self ? selfCodes : null, item));
            }
        }
        if (!room.occupants().contains(o)) {
            // the occupant has just left: it still hears of it on every device it had
            for (JID device : o.devices()) {
                out.add(build(room, o, base, realJid, device, true, codes, selfCodes, item));
            }
        }
        room.outbox().sendAll(out);
    }

    static Presence build(Room room, Occupant o, Presence base, JID realJid, JID to, boolean withJid,
                          List<Integer> codes, List<Integer> selfCodes, Consumer<Element> item) {
        Presence p = MucXml.occupantPresence(room, o, base, to, withJid, realJid);
        if (item != null) {
            item.accept(MucXml.item(p));
        }
        List<Integer> all = new ArrayList<>(codes);
        if (selfCodes != null) {
            all.addAll(selfCodes);
            all.add(110); // §7.2.2: self-presence carries 110
        }
        MucXml.status(p, all);
        return p;
    }

    /** §7.7: an occupant's device changed its presence; everyone sees the new one. */
    void update(Room room, Occupant o, JID device, Presence p) {
        o.present(device, p);
        broadcast(room, o, p, device, List.of(), List.of(), null, false);
    }

    /**
     * §7.14: one device leaves. If the occupant has other devices only that device hears of it;
     * otherwise the occupant leaves the room. A temporary room left empty goes (§10.9 note).
     */
    void leave(Room room, Occupant o, JID device, Presence unavailable) {
        boolean remains = room.removeDevice(o, device);
        rooms.left(device, room);
        if (remains) {
            room.outbox().send(build(room, o, null, device, device, true, List.of(), List.of(), null));
            return;
        }
        Presence shown = unavailable == null ? null : unavailable.createCopy();
        List<Presence> out = new ArrayList<>();
        boolean quiet = quiet(room, o);
        for (Occupant r : room.occupants()) {
            if (quiet && r.role() != Role.MODERATOR) {
                continue;
            }
            for (JID d : r.devices()) {
                out.add(unavailable(room, o, shown, device, d, seesJids(room, r), List.of()));
            }
        }
        out.add(unavailable(room, o, shown, device, device, true, List.of(110)));
        room.outbox().sendAll(out);
        closeIfEmpty(room);
    }

    /** Unavailable presence keeping the status text the occupant left with. */
    private static Presence unavailable(Room room, Occupant o, Presence shown, JID realJid, JID to, boolean withJid,
                                        List<Integer> codes) {
        Presence p = MucXml.occupantPresence(room, o, null, to, withJid, realJid);
        if (shown != null && shown.getStatus() != null) {
            p.setStatus(shown.getStatus());
        }
        MucXml.status(p, codes);
        return p;
    }

    /**
     * Removes an occupant with all its devices (kick §8.2, ban §9.1, removal §9.4 and §9.8,
     * destroy §10.9, shutdown): unavailable with the codes to everyone, and 110 too to itself.
     */
    void remove(Room room, Occupant o, List<Integer> codes, Consumer<Element> item, Element destroy) {
        List<JID> devices = List.copyOf(o.devices());
        JID real = o.presence() == null ? devices.get(0) : o.presence().getFrom();
        for (JID d : devices) {
            room.removeDevice(o, d);
            rooms.left(d, room);
        }
        List<Presence> out = new ArrayList<>();
        boolean quiet = quiet(room, o);
        for (Occupant r : room.occupants()) {
            if (quiet && r.role() != Role.MODERATOR) {
                continue; // a large room: as for leaving, only moderators hear of it
            }
            for (JID d : r.devices()) {
                out.add(withDestroy(build(room, o, null, real, d, seesJids(room, r), codes, null, item), destroy));
            }
        }
        for (JID d : devices) {
            out.add(withDestroy(build(room, o, null, real, d, true, codes, List.of(), item), destroy));
        }
        room.outbox().sendAll(out);
    }

    private static Presence withDestroy(Presence p, Element destroy) {
        if (destroy != null) {
            p.getChildElement("x", MucXml.USER).add(destroy.createCopy());
        }
        return p;
    }

    /** §7.6: the occupant takes another nick: unavailable with 303 from the old, then presence from the new. */
    void changeNick(Room room, Occupant o, String nick, JID device, Presence p) {
        String old = o.nick();
        JID real = device;
        List<Presence> out = new ArrayList<>();
        for (Occupant r : room.occupants()) {
            for (JID d : r.devices()) {
                out.add(build(room, o, null, real, d, seesJids(room, r), List.of(303), r == o ? List.of() : null,
                        i -> i.addAttribute("nick", nick)));
            }
        }
        o.nick(nick);
        room.renamed(o, old);
        o.present(device, p);
        for (Occupant r : room.occupants()) {
            for (JID d : r.devices()) {
                out.add(build(room, o, p, real, d, seesJids(room, r), List.of(), r == o ? List.of() : null, null));
            }
        }
        room.outbox().sendAll(out);
    }

    /** A temporary room goes when its last occupant leaves; a persistent one is unloaded from memory. */
    void closeIfEmpty(Room room) {
        if (!room.empty() || room.locked() && room.config().persistent()) {
            return;
        }
        if (room.config().persistent()) {
            rooms.unload(room);
        } else {
            rooms.remove(room);
        }
    }
}
