package im.parley.module.mam;

import im.parley.api.StanzaException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * A user's archiving preferences (XEP-0313 §6): a default mode and JIDs always or never archived.
 *
 * @param mode   always, roster or never
 * @param always bare JIDs whose messages are archived whatever the mode
 * @param never  bare JIDs whose messages are never archived (wins over always)
 */
record Prefs(String mode, Set<String> always, Set<String> never) {
    static final List<String> MODES = List.of("always", "roster", "never");

    Prefs {
        always = Set.copyOf(always);
        never = Set.copyOf(never);
    }

    static Prefs of(String mode) {
        return new Prefs(mode, Set.of(), Set.of());
    }

    /** Whether a message with the peer is archived; {@code inRoster} is asked only in roster mode. */
    boolean archives(JID peer, java.util.function.Predicate<JID> inRoster) {
        String bare = peer.toBareJID();
        if (never.contains(bare)) {
            return false;
        }
        if (always.contains(bare)) {
            return true;
        }
        return switch (mode) {
            case "always" -> true;
            case "roster" -> inRoster.test(peer.asBareJID());
            default -> false;
        };
    }

    Element toXml() {
        Element prefs = DocumentHelper.createElement(QName.get("prefs", MamModule.NS));
        prefs.addAttribute("default", mode);
        list(prefs.addElement("always"), always);
        list(prefs.addElement("never"), never);
        return prefs;
    }

    private static void list(Element parent, Set<String> jids) {
        jids.stream().sorted().forEach(j -> parent.addElement("jid").setText(j));
    }

    /** §6.1: a {@code <prefs/>} a client sets; lists it leaves out are emptied. */
    static Prefs parse(Element prefs) throws StanzaException {
        String mode = prefs.attributeValue("default");
        if (mode == null || !MODES.contains(mode)) {
            throw new StanzaException(PacketError.Condition.bad_request, "'default' must be one of " + MODES);
        }
        return new Prefs(mode, jids(prefs.element("always")), jids(prefs.element("never")));
    }

    private static Set<String> jids(Element list) throws StanzaException {
        Set<String> jids = new LinkedHashSet<>();
        if (list == null) {
            return jids;
        }
        for (Element jid : list.elements("jid")) {
            try {
                jids.add(new JID(jid.getTextTrim()).toBareJID());
            } catch (IllegalArgumentException e) {
                throw new StanzaException(PacketError.Condition.jid_malformed, "not a JID: " + jid.getTextTrim());
            }
        }
        return jids;
    }
}
