package im.parley.module.privatestorage;

import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.module.xml.StoredXml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** Answers jabber:iq:private gets and sets, for the sender's own account only. */
final class PrivateRequests {
    /**
     * Namespaces a fragment may not have: a child without a namespace of its own inherits the
     * query's, and stanza namespaces are no fragment's own (XEP-0049 §2.1, §2.3).
     */
    private static final Set<String> RESERVED = Set.of("", PrivateStorageModule.NS, "jabber:client", "jabber:server");
    private static final int MAX_KEY_LENGTH = 255;

    private final PrivateDocuments documents;
    private final PrivateStorageConfig config;

    PrivateRequests(PrivateDocuments documents, PrivateStorageConfig config) {
        this.documents = documents;
        this.config = config;
    }

    IQ get(IQ request, Origin origin) throws StanzaException {
        JID owner = checkOwner(request, origin);
        List<Element> wanted = fragments(request);
        // XEP-0049 §2.3: a client MUST NOT ask for more than one namespace in one get.
        if (wanted.stream().map(Element::getNamespaceURI).distinct().count() > 1) {
            throw new StanzaException(PacketError.Condition.bad_request, "ask for one namespace per request");
        }
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", PrivateStorageModule.NS);
        for (Element element : wanted) {
            Optional<String> stored = documents.get(owner, key(element));
            // Nothing stored: the element comes back empty, as asked.
            query.add(stored.map(StoredXml::parse).orElseGet(() -> DocumentHelper.createElement(element.getQName())));
        }
        return result;
    }

    IQ set(IQ request, Origin origin) throws StanzaException {
        JID owner = checkOwner(request, origin);
        Map<String, String> changes = new LinkedHashMap<>();
        for (Element element : fragments(request)) {
            String key = key(element);
            if (StoredXml.isEmpty(element)) {
                // An empty element is what a get returns for nothing stored, so storing one deletes.
                changes.put(key, null);
                continue;
            }
            String text = StoredXml.serialize(element);
            long size = StoredXml.utf8Length(text);
            if (size > config.maxSize().bytes()) {
                throw new StanzaException(PacketError.Condition.not_acceptable, "<" + element.getName() + "/> is " + size
                        + " bytes; this server keeps private XML elements of at most " + config.maxSize().bytes() + " bytes");
            }
            changes.put(key, text);
        }
        documents.write(owner, changes, config.maxDocuments());
        return IQ.createResultIQ(request);
    }

    /** XEP-0049 §2.3, §4: only the account itself gets or sets its private XML. */
    private static JID checkOwner(IQ request, Origin origin) throws StanzaException {
        JID owner = request.getTo() != null ? request.getTo().asBareJID() : origin.jid().asBareJID();
        if (!origin.isAccount(owner)) {
            throw new StanzaException(PacketError.Condition.forbidden, "private XML is only for the account itself");
        }
        return owner;
    }

    /** The query's children, at least one, each in a namespace of its own. */
    private static List<Element> fragments(IQ request) throws StanzaException {
        List<Element> children = request.getChildElement().elements();
        if (children.isEmpty()) {
            // XEP-0049 §2.3: at least one child element MUST be included, else not-acceptable.
            throw new StanzaException(PacketError.Condition.not_acceptable, "name the element to get or set inside <query/>");
        }
        for (Element child : children) {
            if (RESERVED.contains(child.getNamespaceURI())) {
                throw new StanzaException(PacketError.Condition.not_acceptable,
                        "<" + child.getName() + "/> needs a namespace of its own, not '" + child.getNamespaceURI() + "'");
            }
        }
        return children;
    }

    private static String key(Element element) throws StanzaException {
        String namespace = element.getNamespaceURI();
        if (namespace.chars().anyMatch(Character::isISOControl)) {
            throw new StanzaException(PacketError.Condition.not_acceptable, "a namespace name has no control characters");
        }
        String key = PrivateDocuments.key(namespace, element.getName());
        if (key.length() > MAX_KEY_LENGTH) {
            throw new StanzaException(PacketError.Condition.not_acceptable, "the namespace and element name are too long");
        }
        return key;
    }
}
