package im.parley.module.archive;

import im.parley.api.StanzaException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * A client's archive query (XEP-0313 §4): the data form's filters and the result set paging
 * (XEP-0059) turned into an {@link ArchiveStore.Query}, with the query id and flip-page. Shared by
 * the user archives (mam) and the room archives (muc).
 */
public record MamQuery(ArchiveStore.Query query, String queryId, boolean flip) {
    public static final String DATA_NS = "jabber:x:data";
    public static final String RSM_NS = "http://jabber.org/protocol/rsm";
    /** The fields of the query form (§4.1, with the #extended ones). */
    public static final List<String> FIELDS = List.of("with", "start", "end", "before-id", "after-id", "ids");

    /**
     * Reads {@code <query/>}.
     *
     * @throws StanzaException bad-request for a malformed form or paging, policy-violation for a
     *                         {@code max} over the server's limit
     */
    public static MamQuery parse(Element query, String archive, int defaultMax, int maxMax) throws StanzaException {
        return parse(query, archive, defaultMax, maxMax, false);
    }

    /**
     * Reads {@code <query/>}; with {@code fullWith} a 'with' keeps its resource (a room archive's
     * 'with' is an occupant JID, room@service/nick).
     */
    public static MamQuery parse(Element query, String archive, int defaultMax, int maxMax, boolean fullWith)
            throws StanzaException {
        String with = null;
        Instant start = null;
        Instant end = null;
        String afterId = null;
        String beforeId = null;
        List<String> ids = null;
        Element form = query.element(QName.get("x", DATA_NS));
        if (form != null) {
            String type = form.attributeValue("type");
            if (type != null && !"submit".equals(type)) {
                throw bad("the form must be of type 'submit'");
            }
            Set<String> seen = new java.util.HashSet<>();
            for (Element field : form.elements(QName.get("field", DATA_NS))) {
                String var = field.attributeValue("var");
                if (var == null) {
                    throw bad("a field without 'var'");
                }
                if (!seen.add(var)) {
                    throw bad("field '" + var + "' appears twice");
                }
                List<String> values = field.elements(QName.get("value", DATA_NS)).stream().map(Element::getTextTrim).toList();
                switch (var) {
                    case "FORM_TYPE" -> {
                        if (!values.equals(List.of(Forwarded.MAM_NS))) {
                            throw bad("FORM_TYPE must be " + Forwarded.MAM_NS);
                        }
                    }
                    case "with" -> with = jid(single(var, values), fullWith);
                    case "start" -> start = instant(single(var, values));
                    case "end" -> end = instant(single(var, values));
                    case "after-id" -> afterId = single(var, values);
                    case "before-id" -> beforeId = single(var, values);
                    case "ids" -> ids = new ArrayList<>(values);
                    default -> throw bad("unknown field '" + var + "'; the form has " + FIELDS);
                }
            }
        }
        int max = defaultMax;
        boolean last = false;
        Element set = query.element(QName.get("set", RSM_NS));
        if (set != null) {
            Element maxElement = set.element("max");
            if (maxElement != null) {
                try {
                    max = Integer.parseInt(maxElement.getTextTrim());
                } catch (NumberFormatException e) {
                    throw bad("<max/> must be a number");
                }
                if (max < 0) {
                    throw bad("<max/> must not be negative");
                }
                if (max > maxMax) {
                    throw StanzaException.policyViolation("at most " + maxMax + " messages per query");
                }
            }
            if (set.element("index") != null) {
                throw new StanzaException(PacketError.Condition.feature_not_implemented,
                        "paging by index is not supported; use <after/> or <before/>");
            }
            Element after = set.element("after");
            Element before = set.element("before");
            if (after != null && before != null) {
                throw bad("<after/> and <before/> exclude each other");
            }
            if (after != null) {
                afterId = merge("after", afterId, after.getTextTrim());
            }
            if (before != null) {
                last = true; // an empty <before/> asks for the last page
                if (!before.getTextTrim().isEmpty()) {
                    beforeId = merge("before", beforeId, before.getTextTrim());
                }
            }
        }
        if (beforeId != null) {
            last = true;
        }
        if (afterId != null && beforeId != null) {
            throw bad("after-id and before-id exclude each other");
        }
        if (start != null && end != null && start.isAfter(end)) {
            throw bad("'start' is after 'end'");
        }
        if (ids != null && (start != null || end != null || afterId != null || beforeId != null)) {
            throw bad("'ids' cannot be combined with start, end or paging by id");
        }
        String queryId = query.attributeValue("queryid");
        boolean flip = query.element("flip-page") != null;
        return new MamQuery(new ArchiveStore.Query(archive, with, start, end, afterId, beforeId, ids, max, last), queryId, flip);
    }

    private static String merge(String what, String fromForm, String fromRsm) throws StanzaException {
        if (fromForm != null && !fromForm.equals(fromRsm)) {
            throw bad("<" + what + "/> and the form's " + what + "-id differ");
        }
        return fromRsm;
    }

    private static String single(String var, List<String> values) throws StanzaException {
        if (values.size() != 1 || values.get(0).isEmpty()) {
            throw bad("field '" + var + "' takes one value");
        }
        return values.get(0);
    }

    private static String jid(String text, boolean full) throws StanzaException {
        try {
            return full ? new JID(text).toString() : new JID(text).toBareJID();
        } catch (IllegalArgumentException e) {
            throw bad("'with' is not a JID: " + text);
        }
    }

    /** XEP-0082 date and time. */
    private static Instant instant(String text) throws StanzaException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw bad("not an XEP-0082 date and time: " + text);
        }
    }

    private static StanzaException bad(String text) {
        return new StanzaException(PacketError.Condition.bad_request, text);
    }
}
