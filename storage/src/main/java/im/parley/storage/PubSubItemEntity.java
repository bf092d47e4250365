package im.parley.storage;

import im.parley.module.pubsub.NodeStore;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code pubsub_items}: one item of a node; {@code seq} orders a node's items by
 * publication, a republished item taking a new one. Never leaves this package.
 */
@Entity(name = "PubSubItem")
@Table(name = "pubsub_items")
class PubSubItemEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "seq")
    private Long seq;

    @Column(name = "node_id", nullable = false)
    private Long nodeId;

    @Column(name = "item_hash", nullable = false, length = 32)
    private byte[] itemHash;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "item_id", nullable = false, length = PubSubNodeEntity.MAX_NAME_BYTES)
    private String itemId;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "publisher", nullable = false, length = BlockListItemEntity.MAX_JID_BYTES)
    private String publisher;

    @Column(name = "published", nullable = false)
    private Instant published;

    @Column(name = "payload", length = PubSubNodeEntity.MAX_TEXT_CHARS)
    private String payload;

    protected PubSubItemEntity() {
        // for Hibernate
    }

    PubSubItemEntity(Long nodeId, NodeStore.Item item) {
        this.nodeId = nodeId;
        this.itemHash = InboxConversationEntity.ownerHash(item.id());
        this.itemId = item.id();
        this.publisher = item.publisher();
        this.published = OfflineMessageEntity.micros(item.published());
        this.payload = item.payload();
    }

    NodeStore.Item toItem() {
        return new NodeStore.Item(itemId, publisher, published, payload);
    }
}
