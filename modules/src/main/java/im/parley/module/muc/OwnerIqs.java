package im.parley.module.muc;

import im.parley.api.StanzaException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/** The owner's requests (muc#owner, XEP-0045 §10): configuration, instant rooms, destruction. */
final class OwnerIqs {
    private final Muc muc;
    private final Moderation moderation;

    OwnerIqs(Muc muc, Moderation moderation) {
        this.muc = muc;
        this.moderation = moderation;
    }

    /**
     * Whether a request comes from the group chat service's own address, which only this server can
     * send from (the admin API destroys rooms so, on the node that runs them).
     */
    static boolean fromService(Room room, IQ iq) {
        JID from = iq.getFrom();
        return from != null && from.getNode() == null && from.getResource() == null
                && from.getDomain().equals(room.jid().getDomain());
    }

    IQ handle(Room room, IQ iq) throws StanzaException {
        if (room.affiliation(iq.getFrom()) != Affiliation.OWNER && !fromService(room, iq)) {
            throw MucXml.error(PacketError.Condition.forbidden, "only owners configure the room"); // §10.1
        }
        Element query = iq.getChildElement();
        IQ result = IQ.createResultIQ(iq);
        if (iq.getType() == IQ.Type.get) {
            result.setChildElement("query", MucXml.OWNER).add(ConfigForm.form(room)); // §10.2
            return result;
        }
        Element destroy = query.element("destroy");
        if (destroy != null) {
            destroy(room, destroy);
            return result;
        }
        Element form = query.element(QName.get("x", MucXml.DATA));
        if (form == null) {
            throw MucXml.error(PacketError.Condition.bad_request, "a muc#owner set needs a form or <destroy/>");
        }
        if ("cancel".equals(form.attributeValue("type"))) {
            if (room.locked()) {
                destroy(room, DocumentHelper.createElement(QName.get("destroy", MucXml.USER))); // §10.1.2
            }
            return result;
        }
        if (!"submit".equals(form.attributeValue("type"))) {
            throw MucXml.error(PacketError.Condition.bad_request, "the form must be submitted");
        }
        configure(room, iq.getFrom(), form);
        return result;
    }

    /** §10.2: applies a configuration; an empty form accepts the defaults (§10.1.2 instant room). */
    private void configure(Room room, JID owner, Element form) throws StanzaException {
        ConfigForm.Submitted s = ConfigForm.read(form, room.config(), muc.config().maxOccupants());
        RoomConfig old = room.config();
        boolean wasLocked = room.locked();
        Moderation.Actor actor = new Moderation.Actor(room.byDevice(owner), Affiliation.OWNER);
        if (s.owners() != null && s.owners().isEmpty()) {
            throw MucXml.error(PacketError.Condition.conflict, "a room keeps at least one owner");
        }
        room.config(s.config());
        room.locked(false);
        if (s.admins() != null) {
            replaceList(room, actor, Affiliation.ADMIN, s.admins());
        }
        if (s.owners() != null) {
            replaceList(room, actor, Affiliation.OWNER, s.owners());
        }
        if (s.config().persistent()) {
            muc.rooms().persist(room, true);
        } else if (old.persistent()) {
            muc.rooms().unpersist(room);
        }
        if (s.config().membersOnly() && !old.membersOnly()) {
            for (Occupant o : List.copyOf(room.occupants())) {
                if (!room.affiliation(o.user()).atLeast(Affiliation.MEMBER)) {
                    muc.presences().remove(room, o, List.of(322), null, null); // §9.8
                }
            }
        }
        if (!wasLocked) {
            notifyChange(room, old, s.config());
        }
    }

    /** Makes the given users the holders of an affiliation, demoting to none those left out. */
    private void replaceList(Room room, Moderation.Actor actor, Affiliation a, List<JID> wanted) throws StanzaException {
        Set<String> keep = new HashSet<>();
        for (JID jid : wanted) {
            keep.add(jid.toBareJID());
            moderation.setAffiliation(room, actor, jid, a, null);
        }
        for (StoredAffiliation held : room.affiliated(a)) {
            if (!keep.contains(held.jid())) {
                moderation.setAffiliation(room, actor, new JID(held.jid()), Affiliation.NONE, null);
            }
        }
    }

    /** §10.2.1: occupants hear of a change, with the privacy codes 170-173 when logging or anonymity changed. */
    private static void notifyChange(Room room, RoomConfig old, RoomConfig now) {
        List<Integer> codes = new ArrayList<>(List.of(104));
        if (old.logging() != now.logging()) {
            codes.add(now.logging() ? 170 : 171);
        }
        if (old.nonAnonymous() != now.nonAnonymous()) {
            codes.add(now.nonAnonymous() ? 172 : 173);
        }
        Message m = new Message();
        m.setType(Message.Type.groupchat);
        m.setFrom(room.jid());
        MucXml.status(m, codes);
        RoomMessages.broadcast(room, m);
    }

    /** §10.9: every occupant gets unavailable with the reason and alternate venue; the room is gone. */
    void destroy(Room room, Element request) {
        Element destroy = DocumentHelper.createElement(QName.get("destroy", MucXml.USER));
        String venue = request.attributeValue("jid");
        if (venue != null) {
            destroy.addAttribute("jid", venue);
        }
        if (request.elementText("reason") != null) {
            destroy.addElement("reason").setText(request.elementText("reason"));
        }
        if (request.elementText("password") != null) {
            destroy.addElement("password").setText(request.elementText("password"));
        }
        List<org.xmpp.packet.Packet> out = new ArrayList<>();
        for (Occupant o : List.copyOf(room.occupants())) {
            for (JID device : List.copyOf(o.devices())) {
                org.xmpp.packet.Presence p = Presences.build(room, o, null, device, device, true, List.of(), List.of(), null);
                p.getChildElement("x", MucXml.USER).add(destroy.createCopy());
                out.add(p);
                room.removeDevice(o, device);
                muc.rooms().left(device, room);
            }
        }
        room.outbox().sendAll(out);
        muc.rooms().remove(room);
    }
}
