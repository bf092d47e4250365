package im.parley.storage;

import im.parley.module.archive.ArchiveStore.Archived;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * A row of {@code archive_messages}: one archived message. Fields are not final because Hibernate
 * fills them by reflection.
 */
@Entity(name = "ArchiveMessage")
@Table(name = "archive_messages")
class ArchiveMessageEntity {
    /** Longest conversation partner in bytes: a room occupant's full JID, three 1023-byte parts and two separators. */
    static final int MAX_WITH_BYTES = 3 * AccountEntity.MAX_PART_BYTES + 2;

    // Increasing in insertion order, which is the archive order.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "archive", nullable = false, length = Utf8Converter.MAX_BARE_JID_BYTES)
    private String archive;

    @Column(name = "stanza_id", nullable = false, length = Archived.MAX_ID_LENGTH)
    private String stanzaId;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "with_jid", nullable = false, length = MAX_WITH_BYTES)
    private String withJid;

    @Column(name = "with_hash", nullable = false)
    private long withHash;

    @Column(name = "stamp", nullable = false)
    private Instant stamp;

    @Column(name = "stanza", nullable = false, length = OfflineMessageEntity.MAX_STANZA_CHARS)
    private String stanza;

    protected ArchiveMessageEntity() {
        // for Hibernate
    }

    /**
     * What {@code with_hash} holds for a conversation partner: the first 8 bytes of SHA-256 of its
     * UTF-8 bytes. Stored in every row, so it must never change; a cryptographic hash keeps anyone
     * from making many partners collide to slow down another's conversation reads.
     */
    static long hash(String with) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(with.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    Archived toArchived() {
        return new Archived(archive, stanzaId, stamp, withJid, stanza);
    }
}
