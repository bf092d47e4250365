package im.parley.plugin.abusescan;

import im.parley.api.Interceptor;
import im.parley.api.ServerInfo;
import im.parley.api.session.LocalSession;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * Spam reports (XEP-0377): a {@code <report/>} inside a blocking command (XEP-0191) goes to every
 * administrator with the reported address, reason and text; enough distinct reporters of a local
 * account ban it. The block itself goes on to the blocking module unchanged.
 */
final class SpamReports implements Interceptor {
    static final String BLOCKING = "urn:xmpp:blocking";
    static final String REPORTING = "urn:xmpp:reporting:1";

    private final ServerInfo server;
    private final Sanctions sanctions;
    private final int beforeBan;
    private final Map<String, Set<String>> reporters = new ConcurrentHashMap<>();

    SpamReports(ServerInfo server, Sanctions sanctions, int beforeBan) {
        this.server = server;
        this.sanctions = sanctions;
        this.beforeBan = beforeBan;
    }

    @Override
    public Packet intercept(Packet stanza, LocalSession session) {
        if (!(stanza instanceof IQ iq) || iq.getType() != IQ.Type.set || iq.getFrom() == null) {
            return stanza;
        }
        Element block = iq.getChildElement();
        if (block == null || !"block".equals(block.getName()) || !BLOCKING.equals(block.getNamespaceURI())) {
            return stanza;
        }
        for (Element item : block.elements(QName.get("item", BLOCKING))) {
            Element report = item.element(QName.get("report", REPORTING));
            String jid = item.attributeValue("jid");
            if (report != null && jid != null) {
                reported(iq.getFrom().asBareJID(), jid, report);
            }
        }
        return stanza;
    }

    // XEP-0377 §3: the reason is an attribute (urn:xmpp:reporting:spam or :abuse), the text optional.
    private void reported(JID reporter, String jid, Element report) {
        String reported;
        try {
            reported = new JID(jid).toBareJID();
        } catch (IllegalArgumentException e) {
            return;
        }
        String reason = report.attributeValue("reason", "urn:xmpp:reporting:spam");
        String text = report.elementTextTrim(QName.get("text", REPORTING));
        String notice = "Spam report from " + reporter + " about " + reported + " (reason " + reason + ")"
                + (text == null || text.isEmpty() ? "" : ": " + text);
        sanctions.act("report", notice, false);
        sanctions.notifyAdmins(notice);
        Set<String> by = reporters.computeIfAbsent(reported, k -> ConcurrentHashMap.newKeySet());
        by.add(reporter.toBareJID());
        if (by.size() >= beforeBan && server.isLocalDomain(new JID(reported).getDomain())) {
            reporters.remove(reported);
            sanctions.ban(reported, by.size() + " users reported it as a spammer");
        }
    }

    /** Forgets reports (a timer task, once per ban window): old reports should not add up for ever. */
    void sweep() {
        reporters.clear();
    }
}
