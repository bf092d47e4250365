package im.parley.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A row of {@code block_list_items}: one address an account blocks. Never leaves this package.
 * Fields are not final because Hibernate fills them by reflection.
 */
@Entity(name = "BlockListItem")
@Table(name = "block_list_items")
class BlockListItemEntity {
    /** Longest bare JID in bytes: two 1023-byte parts and the '@' (RFC 7622 §3). */
    static final int MAX_OWNER_BYTES = 2047;
    /** Longest JID in bytes: three 1023-byte parts, '@' and '/'. */
    static final int MAX_JID_BYTES = 3071;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "owner_jid", nullable = false, length = MAX_OWNER_BYTES)
    private String owner;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "blocked_jid", nullable = false, length = MAX_JID_BYTES)
    private String blocked;

    /** Stands in for the JID in the unique key, which could not hold the JID itself. */
    @Column(name = "blocked_jid_hash", nullable = false, length = 32)
    private byte[] blockedHash;

    protected BlockListItemEntity() {
        // for Hibernate
    }

    BlockListItemEntity(String owner, String blocked) {
        this.owner = owner;
        this.blocked = blocked;
        this.blockedHash = hash(blocked);
    }

    String blocked() {
        return blocked;
    }

    private static byte[] hash(String jid) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(jid.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
