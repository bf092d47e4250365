package im.parley.core.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dom4j.Element;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Client state indication (XEP-0352): while the client says it is inactive (a phone in a pocket),
 * presence updates and chat states wait, only the latest of each kind per sender kept, so the
 * radio stays off; anything else (a message, a request) sends them first, in order, then itself.
 */
final class ClientState {
    static final String NS = "urn:xmpp:csi:0";
    /** Past this many waiting, they go out anyway: memory stays bounded. */
    private static final int MAX_HELD = 500;
    private static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";

    private final Map<String, Packet> held = new LinkedHashMap<>();
    private boolean inactive;

    /** Sets the state; returns what waited, to send now, when the client becomes active. */
    synchronized List<Packet> inactive(boolean on) {
        inactive = on;
        return on ? List.of() : drain();
    }

    /**
     * Holds a stanza that can wait, returning an empty list; otherwise returns what waited
     * followed by the stanza, all to be sent now in that order.
     */
    synchronized List<Packet> offer(Packet stanza) {
        String key = inactive ? key(stanza) : null;
        if (key != null && held.size() < MAX_HELD) {
            held.remove(key); // the newer replaces the older, and moves to the end
            held.put(key, stanza);
            return List.of();
        }
        if (held.isEmpty()) {
            return List.of(stanza);
        }
        List<Packet> out = drain();
        out.add(stanza);
        return out;
    }

    private List<Packet> drain() {
        List<Packet> out = new ArrayList<>(held.values());
        held.clear();
        return out;
    }

    /** What a held stanza is kept under, or null for stanzas that cannot wait. */
    private static String key(Packet stanza) {
        String from = stanza.getFrom() == null ? "" : stanza.getFrom().toString();
        if (stanza instanceof Presence p && (p.getType() == null || p.getType() == Presence.Type.unavailable)) {
            return "presence " + from;
        }
        if (stanza instanceof Message m && m.getType() != Message.Type.error && onlyChatState(m)) {
            return "chatstate " + from;
        }
        return null;
    }

    private static boolean onlyChatState(Message message) {
        boolean state = false;
        for (Element child : message.getElement().elements()) {
            if (CHAT_STATES.equals(child.getNamespaceURI())) {
                state = true;
            } else if (!"thread".equals(child.getName()) && !"urn:xmpp:hints".equals(child.getNamespaceURI())) {
                return false;
            }
        }
        return state;
    }
}
