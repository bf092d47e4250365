package im.parley.module.muc;

import im.parley.api.StanzaException;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/** Presence to an occupant JID: join, presence change, nick change or exit (XEP-0045 §7.2, §7.6, §7.7, §7.14). */
final class PresenceHandler {
    private final Muc muc;
    private final Joins joins;

    PresenceHandler(Muc muc, Joins joins) {
        this.muc = muc;
        this.joins = joins;
    }

    void handle(Presence p) throws StanzaException {
        JID from = p.getFrom();
        JID to = p.getTo();
        if (to.getNode() == null) {
            return; // presence to the service itself means nothing
        }
        Presence.Type type = p.getType();
        if (type == Presence.Type.unavailable || type == Presence.Type.error) {
            leave(to, from, p);
            return;
        }
        if (type != null) {
            return; // subscriptions to rooms are not supported; nothing to answer
        }
        if (to.getResource() == null || to.getResource().isEmpty()) {
            throw MucXml.error(PacketError.Condition.jid_malformed, "join with room@service/nick"); // §7.2.1
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Room room = joins.roomFor(to, from, p);
            synchronized (room) {
                if (room.destroyed()) {
                    continue; // removed meanwhile: look it up (or create it) again
                }
                available(room, from, to.getResource(), p);
                return;
            }
        }
        throw MucXml.error(PacketError.Condition.resource_constraint, "the room is busy; try again");
    }

    private void available(Room room, JID from, String nick, Presence p) throws StanzaException {
        Occupant o = room.byDevice(from);
        if (o == null) {
            try {
                joins.join(room, from, nick, p);
            } catch (StanzaException e) {
                muc.presences().closeIfEmpty(room); // a room whose creation failed is not kept
                throw e;
            }
        } else if (o.nick().equals(nick)) {
            muc.presences().update(room, o, from, p);
        } else {
            changeNick(room, o, nick, from, p);
        }
    }

    /** §7.6: another nick, refused with conflict when someone else has or registered it. */
    private void changeNick(Room room, Occupant o, String nick, JID from, Presence p) throws StanzaException {
        if (nick.isBlank() || nick.codePointCount(0, nick.length()) > muc.config().maxNickLength()) {
            throw MucXml.error(PacketError.Condition.not_acceptable, "that nick is not allowed here");
        }
        Occupant holder = room.byNick(nick);
        String reservedBy = room.reservedBy(nick);
        if (holder != null && holder != o || reservedBy != null && !reservedBy.equals(o.user().toBareJID())) {
            throw MucXml.error(PacketError.Condition.conflict, "that nick is taken"); // §7.6
        }
        muc.presences().changeNick(room, o, nick, from, p);
    }

    private void leave(JID to, JID from, Presence p) {
        Room room = muc.rooms().active(to);
        if (room == null) {
            return;
        }
        synchronized (room) {
            Occupant o = room.byDevice(from);
            if (o != null && !room.destroyed()) {
                muc.presences().leave(room, o, from, p.getType() == Presence.Type.error ? null : p);
            }
        }
    }

    /** A session ended: its device leaves every room it was in. */
    void sessionGone(JID device) {
        for (Room room : muc.rooms().roomsOf(device)) {
            synchronized (room) {
                Occupant o = room.byDevice(device);
                if (o != null && !room.destroyed()) {
                    muc.presences().leave(room, o, device, null);
                }
            }
        }
    }
}
