package im.parley.storage;

import im.parley.module.pubsub.Affiliation;
import im.parley.module.pubsub.NodeConfig;
import im.parley.module.pubsub.NodeStore;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row of {@code pubsub_nodes}: one node of a PEP service (an account) or of the pubsub
 * component, with its configuration, affiliations and subscriptions as text. Never leaves this
 * package. Fields are not final because Hibernate fills them by reflection.
 */
@Entity(name = "PubSubNode")
@Table(name = "pubsub_nodes")
class PubSubNodeEntity {
    /** Longest node name and item id in bytes; the engine refuses longer ones. */
    static final int MAX_NAME_BYTES = NodeStore.MAX_NAME_BYTES;
    static final int MAX_TEXT_CHARS = 1_048_576;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "service_hash", nullable = false, length = 32)
    private byte[] serviceHash;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "service", nullable = false, length = Utf8Converter.MAX_BARE_JID_BYTES)
    private String service;

    @Column(name = "node_hash", nullable = false, length = 32)
    private byte[] nodeHash;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "node", nullable = false, length = MAX_NAME_BYTES)
    private String node;

    @Column(name = "pep", nullable = false)
    private boolean pep;

    @Column(name = "config", nullable = false, length = MAX_TEXT_CHARS)
    private String config;

    @Column(name = "affiliations", nullable = false, length = MAX_TEXT_CHARS)
    private String affiliations;

    @Column(name = "subscriptions", nullable = false, length = MAX_TEXT_CHARS)
    private String subscriptions;

    protected PubSubNodeEntity() {
        // for Hibernate
    }

    PubSubNodeEntity(NodeStore.Node n) {
        this.serviceHash = InboxConversationEntity.ownerHash(n.service());
        this.service = n.service();
        this.nodeHash = InboxConversationEntity.ownerHash(n.node());
        this.node = n.node();
        // A PEP service is an account's bare JID; the component's is a domain.
        this.pep = n.service().contains("@");
        set(n);
    }

    Long id() {
        return id;
    }

    /** Takes the node's configuration, affiliations and subscriptions. */
    void set(NodeStore.Node n) {
        this.config = n.config().toText();
        StringBuilder a = new StringBuilder();
        n.affiliations().forEach((jid, aff) -> a.append(jid).append(' ').append(aff.xml()).append('\n'));
        this.affiliations = a.toString();
        StringBuilder s = new StringBuilder();
        n.subscriptions().forEach((jid, subid) -> s.append(jid).append(' ').append(subid).append('\n'));
        this.subscriptions = s.toString();
    }

    NodeStore.Node toNode() {
        Map<String, Affiliation> affs = new LinkedHashMap<>();
        lines(affiliations).forEach((jid, aff) -> affs.put(jid, Affiliation.of(aff)));
        return new NodeStore.Node(service, node, NodeConfig.fromText(config, pep), affs, lines(subscriptions));
    }

    /** "key value" lines; JIDs hold no spaces. */
    private static Map<String, String> lines(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                map.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return map;
    }
}
