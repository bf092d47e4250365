package im.parley.testing;

import org.jivesoftware.smack.packet.IQ;

/** An IQ with a hand-written payload, for requests Smack has no class for. */
public final class RawIq extends IQ {
    private final String payload;
    private final java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();

    public RawIq(Type type, String to, String childElement, String namespace, String innerXml) {
        super(childElement, namespace);
        this.payload = innerXml == null ? "" : innerXml;
        setType(type);
        if (to != null) {
            setTo(Jids.smack(to));
        }
    }

    /** Adds an attribute to the child element. */
    public RawIq attribute(String name, String value) {
        attributes.put(name, value);
        return this;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        attributes.forEach(xml::attribute);
        if (payload.isEmpty()) {
            xml.setEmptyElement();
        } else {
            xml.rightAngleBracket();
            xml.append(payload);
        }
        return xml;
    }
}
