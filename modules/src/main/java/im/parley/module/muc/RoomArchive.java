package im.parley.module.muc;

import im.parley.api.StanzaException;
import im.parley.module.archive.ArchiveStore;
import im.parley.module.archive.Forwarded;
import im.parley.module.archive.GroupCommit;
import im.parley.module.archive.MamQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * A room's archive on the shared {@link ArchiveStore} (XEP-0313 §5: archive = the room's bare JID,
 * 'with' = the occupant JID), its XEP-0359 stanza ids, and MAM queries on the room's address.
 */
final class RoomArchive {
    private static final String NS = Forwarded.MAM_NS;
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final ArchiveStore store;
    private final GroupCommit<ArchiveStore.Archived> writer;
    private final Clock clock;

    /** An archive on a store, or none (null store) when archiving is off. */
    RoomArchive(ArchiveStore store, Clock clock) {
        this.store = store;
        this.writer = store == null ? null : new GroupCommit<>(store::append);
        this.clock = clock;
    }

    boolean enabled() {
        return store != null;
    }

    /**
     * Archives a group chat message before the room broadcasts it, and stamps it with its id in the
     * archive (XEP-0359 §3: stanza-id by the room). Nothing when archiving is off.
     */
    void archive(Room room, Occupant o, Message shown) {
        if (store == null) {
            return;
        }
        String id = UUID.randomUUID().toString();
        shown.addChildElement("stanza-id", MucXml.STANZA_ID).addAttribute("id", id).addAttribute("by", room.jid().toBareJID());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        writer.write(List.of(new ArchiveStore.Archived(room.jid().toBareJID(), id, now,
                MucXml.occupantJid(room, o.nick()).toString(), shown.toXML())));
    }

    /** XEP-0313 §4: the room's messages to the requester, then the result with {@code <fin/>}, in order. */
    void query(Room room, IQ iq) throws StanzaException {
        if (store == null) {
            throw MucXml.error(PacketError.Condition.service_unavailable, "this service keeps no archives");
        }
        Affiliation a = room.affiliation(iq.getFrom());
        boolean allowed = a != Affiliation.OUTCAST && (!room.config().membersOnly() || a.atLeast(Affiliation.MEMBER)
                || room.byDevice(iq.getFrom()) != null);
        if (!allowed) {
            throw MucXml.error(PacketError.Condition.forbidden, "only members may read this room's archive");
        }
        if (iq.getType() == IQ.Type.get) {
            IQ form = IQ.createResultIQ(iq);
            Element x = form.setChildElement("query", NS).addElement(QName.get("x", MamQuery.DATA_NS)).addAttribute("type", "form");
            MucXml.addField(x, "FORM_TYPE", "hidden", null, List.of(NS));
            for (String f : MamQuery.FIELDS) {
                MucXml.addField(x, f, null, null, List.of());
            }
            room.outbox().send(form);
            return;
        }
        MamQuery q = MamQuery.parse(iq.getChildElement(), room.jid().toBareJID(), DEFAULT_PAGE, MAX_PAGE, true);
        ArchiveStore.Page page = store.query(q.query()).orElseThrow(() -> MucXml.error(PacketError.Condition.item_not_found,
                "no message with that id in the archive"));
        List<ArchiveStore.Archived> messages = new ArrayList<>(page.messages());
        if (q.flip()) {
            java.util.Collections.reverse(messages);
        }
        List<Packet> out = new ArrayList<>();
        for (ArchiveStore.Archived m : messages) {
            Message result = new Message();
            result.setFrom(room.jid());
            result.setTo(iq.getFrom());
            result.setID(UUID.randomUUID().toString());
            Forwarded.addResult(result, q.queryId(), m.id(), m.stamp(), m.stanza());
            out.add(result);
        }
        IQ answer = IQ.createResultIQ(iq);
        Element fin = answer.setChildElement("fin", NS);
        if (page.complete()) {
            fin.addAttribute("complete", "true");
        }
        Element set = fin.addElement(QName.get("set", MamQuery.RSM_NS));
        if (!messages.isEmpty()) {
            set.addElement("first").setText(messages.get(0).id());
            set.addElement("last").setText(messages.get(messages.size() - 1).id());
        }
        out.add(answer);
        room.outbox().sendAll(out);
    }

    /** The room's last messages, to fill the history of a room loaded from storage. */
    List<ArchiveStore.Archived> last(Room room, int max) {
        if (store == null || max == 0) {
            return List.of();
        }
        return store.query(ArchiveStore.Query.last(room.jid().toBareJID(), null, max)).map(ArchiveStore.Page::messages).orElse(List.of());
    }

    /** A message of the room's archive by its id, or null. */
    Message find(Room room, String id) {
        if (store == null) {
            return null;
        }
        List<ArchiveStore.Archived> found = store.query(new ArchiveStore.Query(room.jid().toBareJID(), null, null, null,
                null, null, List.of(id), 1, false)).map(ArchiveStore.Page::messages).orElse(List.of());
        if (found.isEmpty()) {
            return null;
        }
        try {
            return new Message(im.parley.module.xml.StoredXml.parse(found.get(0).stanza()), true);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Replaces a message of the room's archive (a tombstone for a retracted one). */
    void replace(Room room, String id, Message stanza) {
        if (store != null) {
            store.replace(room.jid().toBareJID(), id, stanza.toXML());
        }
    }

    void deleteArchive(Room room) {
        if (store != null) {
            store.deleteArchive(room.jid().toBareJID());
        }
    }
}
