package im.parley.module.muc;

import im.parley.api.StanzaException;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** IQ requests to the service, a room or an occupant, each to its handler. */
final class RoomIqs {
    private static final String PING = "urn:xmpp:ping";

    private final Muc muc;
    private final RoomDisco disco;
    private final AdminIqs admin;
    private final OwnerIqs owner;
    private final Registration registration;
    private final IqRelay relay;

    private final Retractions retractions;

    RoomIqs(Muc muc, Moderation moderation, IqRelay relay, Retractions retractions) {
        this.retractions = retractions;
        this.muc = muc;
        this.disco = new RoomDisco(muc);
        this.admin = new AdminIqs(moderation);
        this.owner = new OwnerIqs(muc, moderation);
        this.registration = new Registration(muc);
        this.relay = relay;
    }

    OwnerIqs owner() {
        return owner;
    }

    void handle(IQ iq) throws StanzaException {
        if (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error) {
            relay.answer(iq);
            return;
        }
        Element child = iq.getChildElement();
        if (child == null) {
            throw MucXml.error(PacketError.Condition.bad_request, "an IQ request needs a child element");
        }
        JID to = iq.getTo();
        if (to.getNode() == null) {
            if (PING.equals(child.getNamespaceURI())) {
                muc.ctx().router().route(IQ.createResultIQ(iq));
                return;
            }
            muc.ctx().router().route(disco.service(iq));
            return;
        }
        Room room = muc.rooms().find(to).orElseThrow(() -> MucXml.error(PacketError.Condition.item_not_found, "no such room"));
        IQ answer;
        synchronized (room) {
            if (room.destroyed()) {
                throw MucXml.error(PacketError.Condition.item_not_found, "no such room");
            }
            answer = to.getResource() == null ? roomRequest(room, iq, child) : occupantRequest(room, iq, child);
        }
        if (answer != null) {
            room.outbox().send(answer);
        }
    }

    private IQ roomRequest(Room room, IQ iq, Element child) throws StanzaException {
        String ns = child.getNamespaceURI();
        boolean owner = room.affiliation(iq.getFrom()) == Affiliation.OWNER || OwnerIqs.fromService(room, iq);
        if (room.locked() && !owner) {
            throw MucXml.error(PacketError.Condition.item_not_found, "no such room"); // §10.1.1: not yet there for others
        }
        switch (ns) {
            case RoomDisco.INFO:
                return iq.getType() == IQ.Type.get ? disco.roomInfo(room, iq) : bad();
            case RoomDisco.ITEMS:
                return iq.getType() == IQ.Type.get ? disco.roomItems(room, iq) : bad();
            case MucXml.ADMIN:
                return admin.handle(room, iq);
            case MucXml.OWNER:
                return this.owner.handle(room, iq);
            case Registration.NS:
                return registration.handle(room, iq);
            case "urn:xmpp:mam:2":
                muc.archive().query(room, iq);
                return null;
            case PING:
                return IQ.createResultIQ(iq);
            case Retractions.MODERATE:
                return iq.getType() == IQ.Type.set ? retractions.moderate(room, iq) : bad();
            default:
                throw MucXml.error(PacketError.Condition.service_unavailable, "not offered by rooms");
        }
    }

    /** §6.6, XEP-0410: disco and pings to an occupant JID; other requests between occupants are relayed. */
    private IQ occupantRequest(Room room, IQ iq, Element child) throws StanzaException {
        Occupant sender = room.byDevice(iq.getFrom());
        String ns = child.getNamespaceURI();
        if (sender == null) {
            if (RoomDisco.INFO.equals(ns) || RoomDisco.ITEMS.equals(ns)) {
                throw MucXml.error(PacketError.Condition.bad_request, "only occupants ask occupants"); // §6.6
            }
            throw MucXml.error(PacketError.Condition.not_acceptable, "you are not in this room"); // XEP-0410 §3
        }
        Occupant target = room.byNick(iq.getTo().getResource());
        if (target == sender && PING.equals(ns)) {
            return IQ.createResultIQ(iq); // XEP-0410 §3: the room answers a self-ping for the occupant
        }
        if (target == null) {
            throw MucXml.error(PacketError.Condition.item_not_found, "no occupant with that nick");
        }
        relay.forward(iq, MucXml.occupantJid(room, sender.nick()), target.presence().getFrom());
        return null;
    }

    private static IQ bad() throws StanzaException {
        throw MucXml.error(PacketError.Condition.bad_request, "disco requests are of type get");
    }
}
