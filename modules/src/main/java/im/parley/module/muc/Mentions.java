package im.parley.module.muc;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Notifies members who are not in the room when a message mentions them, by their registered nick
 * in the body or by an XEP-0372 mention reference: the room sends them a normal message with the
 * text and an XEP-0249 invitation to the room. Being an ordinary message to the bare JID, it
 * reaches their online devices, or is kept for them offline (XEP-0160) and wakes their phones
 * through push (XEP-0357), with no client support beyond what they already have.
 */
final class Mentions {
    private static final String REFERENCE = "urn:xmpp:reference:0";
    /** Most members one message notifies, so that a message naming everyone cannot flood the server. */
    private static final int MAX_NOTIFIED = 20;

    private final Muc muc;

    Mentions(Muc muc) {
        this.muc = muc;
    }

    void notifyAbsent(Room room, Occupant sender, Message shown) {
        String body = shown.getBody();
        if (!muc.config().notifyMentions() || body == null || body.isEmpty()) {
            return;
        }
        Set<String> mentioned = new LinkedHashSet<>();
        for (Element ref : shown.getElement().elements(QName.get("reference", REFERENCE))) {
            String uri = ref.attributeValue("uri");
            if ("mention".equals(ref.attributeValue("type")) && uri != null && uri.startsWith("xmpp:")) {
                try {
                    mentioned.add(new JID(uri.substring(5)).toBareJID());
                } catch (IllegalArgumentException ignored) {
                    // not a JID: nobody to notify
                }
            }
        }
        String lower = body.toLowerCase(Locale.ROOT);
        for (StoredAffiliation a : room.affiliations()) {
            if (a.nick() != null && containsWord(lower, a.nick().toLowerCase(Locale.ROOT))) {
                mentioned.add(a.jid());
            }
        }
        mentioned.remove(sender.user().toBareJID());
        int sent = 0;
        for (String user : mentioned) {
            JID jid = new JID(user);
            if (sent == MAX_NOTIFIED || !room.affiliation(jid).atLeast(Affiliation.MEMBER) || room.byUser(jid) != null) {
                continue;
            }
            room.outbox().send(notification(room, sender, jid, body));
            sent++;
        }
    }

    private static Message notification(Room room, Occupant sender, JID to, String body) {
        Message m = new Message();
        m.setType(Message.Type.normal);
        m.setFrom(room.jid());
        m.setTo(to);
        m.setID(java.util.UUID.randomUUID().toString());
        m.setBody(sender.nick() + " mentioned you in " + room.jid().toBareJID() + ": " + body);
        // XEP-0249: the client offers to enter the room
        m.addChildElement("x", "jabber:x:conference").addAttribute("jid", room.jid().toBareJID())
                .addAttribute("reason", "You were mentioned");
        m.addChildElement("store", "urn:xmpp:hints");
        return m;
    }

    /** Whether the text has the word, not as a part of a longer word. */
    static boolean containsWord(String text, String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            boolean startOk = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            int end = i + word.length();
            boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
        }
        return false;
    }
}
