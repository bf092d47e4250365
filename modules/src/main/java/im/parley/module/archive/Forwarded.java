package im.parley.module.archive;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.dom4j.Element;
import org.dom4j.QName;

/**
 * An archived message as clients get it back (XEP-0313 §4.2): a {@code <result/>} holding the
 * message forwarded (XEP-0297) with the time it was archived (XEP-0203). The archive's answers
 * and the inbox's last messages share it.
 */
public final class Forwarded {
    public static final String MAM_NS = "urn:xmpp:mam:2";

    private Forwarded() {
    }

    /**
     * Adds the result to a message.
     *
     * @throws IllegalStateException if the stored stanza is not XML (a damaged row)
     */
    public static void addResult(org.xmpp.packet.Message into, String queryId, String id, Instant stamp, String stanzaXml) {
        Element stanza = im.parley.module.xml.StoredXml.parse(stanzaXml);
        stanza.setQName(QName.get(stanza.getName(), "jabber:client"));
        Element result = into.addChildElement("result", MAM_NS);
        if (queryId != null) {
            result.addAttribute("queryid", queryId);
        }
        result.addAttribute("id", id);
        Element forwarded = result.addElement(QName.get("forwarded", "urn:xmpp:forward:0"));
        forwarded.addElement(QName.get("delay", "urn:xmpp:delay")).addAttribute("stamp", stamp(stamp));
        forwarded.add(stanza);
    }

    /** XEP-0082 date and time. */
    public static String stamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
