package im.parley.module.mam;

import org.dom4j.Element;
import org.xmpp.packet.Message;

/**
 * Which messages an archive keeps (XEP-0313 §7.1): chat and normal messages a client would show
 * or act on: bodies, and also receipts, markers, corrections, retractions, reactions and
 * encrypted payloads. Not kept: errors, headlines, group chat (rooms have their own archive),
 * messages hinted no-store or no-permanent-store (XEP-0334), and chat states alone (XEP-0085).
 */
final class Archivable {
    private static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    private static final String HINTS = "urn:xmpp:hints";
    private static final String STANZA_IDS = "urn:xmpp:sid:0";

    private Archivable() {
    }

    static boolean test(Message message) {
        Message.Type type = message.getType();
        if (type != Message.Type.chat && type != Message.Type.normal) {
            return false;
        }
        boolean content = false;
        boolean storeHint = false;
        for (Element child : message.getElement().elements()) {
            String ns = child.getNamespaceURI();
            if (HINTS.equals(ns)) {
                switch (child.getName()) {
                    case "no-store", "no-permanent-store" -> {
                        return false;
                    }
                    case "store" -> storeHint = true;
                    default -> {
                        // no-copy: about carbons, not archives
                    }
                }
            } else if (!CHAT_STATES.equals(ns) && !STANZA_IDS.equals(ns) && !"thread".equals(child.getName())) {
                content = true;
            }
        }
        return content || storeHint;
    }
}
