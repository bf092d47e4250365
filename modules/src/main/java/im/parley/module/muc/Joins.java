package im.parley.module.muc;

import im.parley.api.StanzaException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Entering a room (XEP-0045 §7.2) and creating one (§10.1): the checks with their errors, then in
 * order the other occupants' presence, the newcomer's presence to all, its self-presence, the
 * history and the subject (§7.1).
 */
final class Joins {
    private final Muc muc;
    private final Map<String, long[]> recentJoins = new ConcurrentHashMap<>();

    Joins(Muc muc) {
        this.muc = muc;
    }

    /** Creates the room when it does not exist and the sender may create rooms (§10.1.1). */
    Room roomFor(JID roomJid, JID from, Presence p) throws StanzaException {
        java.util.Optional<Room> existing = muc.rooms().find(roomJid);
        if (existing.isPresent()) {
            return existing.get();
        }
        if ("admins".equals(muc.config().createRooms()) && !muc.ctx().server().isAdmin(from.asBareJID())) {
            throw MucXml.error(PacketError.Condition.not_allowed, "only administrators may create rooms"); // §10.1.1
        }
        return muc.rooms().create(roomJid);
    }

    /** A device that is not in the room asks to enter under a nick. Holds the room's lock. */
    void join(Room room, JID device, String nick, Presence p) throws StanzaException {
        Element x = p.getChildElement("x", MucXml.MUC);
        boolean creating = room.locked() && room.empty() && room.affiliated(Affiliation.OWNER).isEmpty();
        Occupant same = room.byUser(device);
        if (same != null) {
            if (!same.nick().equals(nick)) {
                throw MucXml.error(PacketError.Condition.conflict, "you are in this room as " + same.nick());
            }
            joinDevice(room, same, device, p, x);
            return;
        }
        checkNick(nick);
        flood(device, room);
        Affiliation affiliation = creating ? Affiliation.OWNER : room.affiliation(device);
        if (!creating) {
            admit(room, device, nick, affiliation, x);
        }
        if (creating) {
            room.affiliate(new StoredAffiliation(device.toBareJID(), Affiliation.OWNER, null, null));
            // §10.1.1: a client without MUC support gets an instant room
            room.locked(x != null);
        }
        Occupant o = new Occupant(device, nick, room.defaultRole(affiliation), muc.ids().of(room.jid(), device));
        o.present(device, p);
        List<Packet> out = new ArrayList<>(othersPresence(room, device, Presences.seesJids(room, o)));
        room.add(o, device);
        muc.rooms().joined(device, room);
        room.outbox().sendAll(out);
        boolean quiet = muc.presences().quiet(room, o);
        List<Integer> self = new ArrayList<>();
        if (room.config().nonAnonymous()) {
            self.add(100); // §7.2.3
        }
        if (room.config().logging()) {
            self.add(170); // §7.2.12
        }
        if (creating) {
            self.add(201); // §10.1.1
        }
        muc.presences().broadcast(room, o, p, device, List.of(), self, null, quiet);
        sendHistoryAndSubject(room, device, x);
    }

    /** Another device of an occupant joins under the same nick: it alone gets the room's state. */
    private void joinDevice(Room room, Occupant o, JID device, Presence p, Element x) {
        o.present(device, p);
        room.addDevice(o, device);
        muc.rooms().joined(device, room);
        List<Packet> out = new ArrayList<>(othersPresence(room, device, Presences.seesJids(room, o)));
        out.removeIf(s -> s.getFrom().getResource().equals(o.nick()));
        out.add(Presences.build(room, o, p, device, device, true, List.of(), List.of(), null));
        room.outbox().sendAll(out);
        sendHistoryAndSubject(room, device, x);
    }

    /** The checks of §7.2.5 to §7.2.10, in the XEP's order. */
    private void admit(Room room, JID device, String nick, Affiliation affiliation, Element x) throws StanzaException {
        boolean owner = affiliation == Affiliation.OWNER;
        if (room.locked() && !owner) {
            throw MucXml.error(PacketError.Condition.item_not_found, "the room is being created"); // §10.1.1
        }
        if (affiliation == Affiliation.OUTCAST) {
            throw MucXml.error(PacketError.Condition.forbidden, "you are banned from this room"); // §7.2.7
        }
        if (room.config().membersOnly() && !affiliation.atLeast(Affiliation.MEMBER)) {
            throw MucXml.error(PacketError.Condition.registration_required, "this room is for members only"); // §7.2.6
        }
        if (room.byNick(nick) != null) {
            throw MucXml.error(PacketError.Condition.conflict, "that nick is in use"); // §7.2.8
        }
        String reservedBy = room.reservedBy(nick);
        if (reservedBy != null && !reservedBy.equals(device.toBareJID())) {
            throw MucXml.error(PacketError.Condition.conflict, "that nick is registered by someone else"); // §7.2.8
        }
        int max = room.config().maxUsers();
        if (max > 0 && room.size() >= max && !affiliation.atLeast(Affiliation.ADMIN)) {
            throw MucXml.error(PacketError.Condition.service_unavailable, "the room is full"); // §7.2.9
        }
        if (room.config().passwordProtected() && !affiliation.atLeast(Affiliation.ADMIN)) {
            String given = x == null || x.element("password") == null ? null : x.elementText("password");
            if (!room.config().password().equals(given)) {
                throw MucXml.error(PacketError.Condition.not_authorized, "a password is required"); // §7.2.5
            }
        }
    }

    private void checkNick(String nick) throws StanzaException {
        if (nick == null || nick.isEmpty()) {
            throw MucXml.error(PacketError.Condition.jid_malformed, "a nick is required"); // §7.2.1
        }
        if (nick.isBlank() || nick.codePointCount(0, nick.length()) > muc.config().maxNickLength()
                || nick.chars().anyMatch(Character::isISOControl)) {
            throw MucXml.error(PacketError.Condition.not_acceptable, "that nick is not allowed here");
        }
    }

    /** Refuses a user who enters the same room again and again (each entry is broadcast to everyone in it). */
    private void flood(JID device, Room room) throws StanzaException {
        long minute = System.nanoTime() / 60_000_000_000L;
        long[] window = recentJoins.compute(device.toBareJID() + " " + room.jid().toBareJID(), (k, w) -> w == null || w[0] != minute
                ? new long[] {minute, 1} : new long[] {minute, w[1] + 1});
        if (window[1] > muc.config().joinsPerMinute()) {
            throw StanzaException.policyViolation("too many entries into this room; wait a minute");
        }
        if (recentJoins.size() > 100_000) {
            recentJoins.entrySet().removeIf(e -> e.getValue()[0] != minute);
        }
    }

    /** The presence of everyone already in the room, to a newcomer's device (§7.2.2). */
    private List<Packet> othersPresence(Room room, JID device, boolean withJid) {
        List<Packet> out = new ArrayList<>();
        boolean big = muc.config().presenceBroadcastLimit() > 0 && room.size() > muc.config().presenceBroadcastLimit();
        for (Occupant other : room.occupants()) {
            if (big && other.role() != Role.MODERATOR) {
                continue;
            }
            out.add(Presences.build(room, other, other.presence(), other.presence().getFrom(), device, withJid,
                    List.of(), null, null));
        }
        return out;
    }

    /** §7.2.15 history within the request's limits, then §7.2.16 the subject (empty when none). */
    private void sendHistoryAndSubject(Room room, JID device, Element x) {
        List<Packet> out = new ArrayList<>();
        for (Room.HistoryEntry e : history(room, x == null ? null : x.element("history"))) {
            Message m = e.message().createCopy();
            m.setTo(device);
            m.addChildElement("delay", MucXml.DELAY).addAttribute("from", room.jid().toBareJID())
                    .addAttribute("stamp", im.parley.module.archive.Forwarded.stamp(e.stamp()));
            out.add(m);
        }
        Message subject = new Message();
        subject.setType(Message.Type.groupchat);
        subject.setFrom(room.subjectBy() == null ? room.jid() : MucXml.occupantJid(room, room.subjectBy()));
        subject.setTo(device);
        subject.setID(java.util.UUID.randomUUID().toString());
        subject.getElement().addElement("subject").setText(room.subject() == null ? "" : room.subject());
        out.add(subject);
        room.outbox().sendAll(out);
    }

    private List<Room.HistoryEntry> history(Room room, Element request) {
        List<Room.HistoryEntry> all = new ArrayList<>(room.history());
        if (request == null) {
            return all;
        }
        Instant now = muc.ctx().server().clock().instant();
        Integer seconds = number(request.attributeValue("seconds"));
        if (seconds != null) {
            all.removeIf(e -> e.stamp().isBefore(now.minusSeconds(seconds)));
        }
        String since = request.attributeValue("since");
        if (since != null) {
            try {
                Instant from = OffsetDateTime.parse(since).toInstant();
                all.removeIf(e -> e.stamp().isBefore(from));
            } catch (java.time.format.DateTimeParseException ignored) {
                // an unreadable 'since' limits nothing
            }
        }
        Integer stanzas = number(request.attributeValue("maxstanzas"));
        if (stanzas != null && all.size() > stanzas) {
            all = new ArrayList<>(all.subList(all.size() - stanzas, all.size()));
        }
        Integer chars = number(request.attributeValue("maxchars"));
        if (chars != null) {
            int total = 0;
            int keepFrom = all.size();
            while (keepFrom > 0 && total + all.get(keepFrom - 1).chars() <= chars) {
                total += all.get(--keepFrom).chars();
            }
            all = new ArrayList<>(all.subList(keepFrom, all.size()));
        }
        return all;
    }

    private static Integer number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Math.max(0, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean hasChild(Packet p, String name, String ns) {
        return p.getElement().element(QName.get(name, ns)) != null;
    }
}
