package im.parley.module.muc;

import im.parley.api.ModuleContext;
import im.parley.api.StanzaException;
import im.parley.api.cluster.ClusterView;
import im.parley.api.cluster.SharedMap;
import im.parley.api.event.MemberLeft;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Which cluster node runs each room: the first node a room's stanza reaches claims it in a shared
 * map, and every other node passes the room's stanzas to that owner, where the one in-memory room
 * lives; the owner's answers reach occupants on any node through the cluster's routing. When the
 * owner dies its claims are dropped on every survivor, so the next stanza for a room makes a
 * survivor its owner, which loads it from storage (persistent rooms; a temporary room is gone).
 * In single-node mode every room is this node's and nothing is passed on.
 */
final class RoomOwners {
    /** The channel of stanzas passed to a room's owner: "owner node \n hops \n stanza XML". */
    static final String CHANNEL = "muc.relay";
    /** The channel of devices whose session ended on some node: "device full JID". */
    static final String GONE = "muc.gone";
    private static final Logger LOG = LoggerFactory.getLogger(RoomOwners.class);
    private static final int MAX_HOPS = 3;

    /** Handles a stanza for a room this node owns. */
    interface LocalRooms {
        void handle(Packet stanza) throws StanzaException;
    }

    private final ModuleContext ctx;
    private final ClusterView cluster;
    private final SharedMap owners;
    private final Set<JID> devicesInRooms = ConcurrentHashMap.newKeySet();
    private LocalRooms local;

    RoomOwners(ModuleContext ctx) {
        this.ctx = ctx;
        this.cluster = ctx.cluster();
        this.owners = cluster.map("muc.owners");
    }

    void start(LocalRooms rooms, java.util.function.Consumer<JID> sessionGone) {
        this.local = rooms;
        ctx.on(MemberLeft.class, e -> released(e.member().id()));
        try {
            cluster.onNotice(CHANNEL, this::received);
            cluster.onNotice(GONE, text -> sessionGone.accept(new JID(text)));
        } catch (RuntimeException e) {
            throw new IllegalStateException("group chat cannot listen to the cluster", e);
        }
    }

    private boolean clustered() {
        return cluster.members().size() > 1;
    }

    /** Handles a stanza here when this node owns (or now claims) its room, else passes it to the owner. */
    void dispatch(Packet stanza, int hops) throws StanzaException {
        JID to = stanza.getTo();
        if (to.getNode() == null || !clustered()) {
            local.handle(stanza);
            return;
        }
        if (stanza instanceof Presence && stanza.getFrom() != null) {
            devicesInRooms.add(stanza.getFrom());
        }
        String me = cluster.localNode();
        String owner = owners.putIfAbsent(to.toBareJID(), me).orElse(me);
        if (owner.equals(me) || hops >= MAX_HOPS) {
            local.handle(stanza);
            return;
        }
        cluster.notice(CHANNEL, owner + "\n" + (hops + 1) + "\n" + stanza.toXML());
    }

    /** A room went from memory (destroyed, or empty): another node may own it next. */
    void release(JID room) {
        if (clustered()) {
            owners.remove(room.toBareJID(), cluster.localNode());
        }
    }

    /** A session on this node ended: every owner of a room it was in hears of it. */
    void sessionEnded(JID device, java.util.function.Consumer<JID> locally) {
        locally.accept(device);
        if (clustered() && devicesInRooms.remove(device)) {
            cluster.notice(GONE, device.toString());
        }
    }

    private void received(String text) {
        int first = text.indexOf('\n');
        int second = text.indexOf('\n', first + 1);
        if (first < 0 || second < 0 || !text.substring(0, first).equals(cluster.localNode())) {
            return;
        }
        Packet stanza;
        try {
            stanza = parse(im.parley.module.xml.StoredXml.parse(text.substring(second + 1)));
            dispatch(stanza, Integer.parseInt(text.substring(first + 1, second)));
        } catch (StanzaException e) {
            bounce(text.substring(second + 1), e);
        } catch (RuntimeException e) {
            LOG.warn("A group chat stanza passed on by another node failed", e);
        }
    }

    /** The error goes back to the sender from the owner, as the component's own errors do. */
    private void bounce(String xml, StanzaException e) {
        Packet stanza = parse(im.parley.module.xml.StoredXml.parse(xml));
        if (stanza.getError() != null || stanza instanceof IQ iq && iq.getType() != IQ.Type.get && iq.getType() != IQ.Type.set) {
            return;
        }
        Packet reply = stanza instanceof IQ iq ? IQ.createResultIQ(iq) : stanza.createCopy();
        if (!(stanza instanceof IQ)) {
            reply.setTo(stanza.getFrom());
            reply.setFrom(stanza.getTo());
        }
        if (reply instanceof IQ iq) {
            iq.setChildElement(((IQ) stanza).getChildElement().createCopy());
            iq.setType(IQ.Type.error);
        } else if (reply instanceof Message m) {
            m.setType(Message.Type.error);
        } else if (reply instanceof Presence p) {
            p.setType(Presence.Type.error);
        }
        reply.setError(e.toPacketError());
        ctx.router().route(reply);
    }

    private static Packet parse(Element e) {
        e.setQName(org.dom4j.QName.get(e.getName(), "jabber:client"));
        return switch (e.getName()) {
            case "message" -> new Message(e, true);
            case "presence" -> new Presence(e, true);
            default -> new IQ(e, true);
        };
    }

    /** The rooms running on some node of the cluster now (claimed by a node). */
    java.util.Set<String> activeRooms() {
        return owners.snapshot().keySet();
    }

    /** A node left: its rooms are nobody's until a stanza makes a survivor their owner. */
    private void released(String node) {
        for (Map.Entry<String, String> e : owners.snapshot().entrySet()) {
            if (e.getValue().equals(node)) {
                owners.remove(e.getKey(), node);
            }
        }
    }
}
