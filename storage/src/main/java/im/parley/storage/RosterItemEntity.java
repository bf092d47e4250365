package im.parley.storage;

import im.parley.module.roster.RosterItem;
import im.parley.module.roster.Subscription;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.xmpp.packet.JID;

/**
 * A row of {@code roster_items} with its groups in {@code roster_item_groups}; never leaves this
 * package (the store hands out {@link RosterItem}). Fields are not final because Hibernate fills
 * them by reflection.
 */
@Entity(name = "RosterItem")
@Table(name = "roster_items")
class RosterItemEntity {
    /** Longest contact name in characters; the roster module's default limit is 500. */
    static final int MAX_NAME_CHARS = 1023;
    /** Longest group name in UTF-8 bytes: at least 341 characters, the module's default limit is 200. */
    static final int MAX_GROUP_BYTES = 1023;

    // The id orders the roster by when each contact was added, as the in-memory store does.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "roster_id", nullable = false)
    private long rosterId;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "contact", nullable = false, length = Utf8Converter.MAX_BARE_JID_BYTES)
    private String contact;

    @Column(name = "name", length = MAX_NAME_CHARS)
    private String name;

    // VARCHAR rather than a database ENUM, as for credential hashes.
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "subscription", nullable = false, length = 4)
    private Subscription subscription;

    @Column(name = "ask", nullable = false)
    private boolean ask;

    @Column(name = "approved", nullable = false)
    private boolean approved;

    // Bytes, like JIDs: a group name is compared exactly, and MariaDB's PAD SPACE collations
    // would take "Friends" and "Friends " for one key.
    @ElementCollection
    @CollectionTable(name = "roster_item_groups", joinColumns = @JoinColumn(name = "item_id"))
    @Convert(converter = Utf8Converter.class)
    @Column(name = "group_name", nullable = false, length = MAX_GROUP_BYTES)
    private Set<String> groups = new HashSet<>();

    protected RosterItemEntity() {
        // for Hibernate
    }

    RosterItemEntity(long rosterId, String contact, RosterItem item) {
        this.rosterId = rosterId;
        this.contact = contact;
        update(item);
    }

    /** Takes the item's values; the set of groups is changed in place so only the differences are written. */
    void update(RosterItem item) {
        this.name = item.name();
        this.subscription = item.subscription();
        this.ask = item.ask();
        this.approved = item.approved();
        groups.retainAll(item.groups());
        groups.addAll(item.groups());
    }

    RosterItem toItem() {
        // Stored prepped, so no stringprep again.
        return new RosterItem(new JID(contact, true), name, subscription, ask, approved, groups);
    }
}
