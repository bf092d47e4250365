package im.parley.storage;

import im.parley.module.offline.OfflineStore;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A row of {@code offline_messages}: one message kept for an offline account. Fields are not final
 * because Hibernate fills them by reflection.
 */
@Entity(name = "OfflineMessage")
@Table(name = "offline_messages")
class OfflineMessageEntity {
    /**
     * Longest stanza in characters. The server's default stanza limit is 256 KiB, and the stored copy
     * is a little longer (a delay stamp, re-serialized XML); the column leaves room for both.
     */
    static final int MAX_STANZA_CHARS = 1_048_576;

    // Increasing in insertion order, which is the order messages are delivered in.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "owner", nullable = false, length = Utf8Converter.MAX_BARE_JID_BYTES)
    private String owner;

    @Column(name = "stored", nullable = false)
    private Instant stored;

    @Column(name = "stanza", nullable = false, length = MAX_STANZA_CHARS)
    private String stanza;

    protected OfflineMessageEntity() {
        // for Hibernate
    }

    OfflineMessageEntity(String owner, Instant stored, String stanza) {
        this.owner = owner;
        this.stored = micros(stored);
        this.stanza = stanza;
    }

    /** Both databases keep microseconds; cutting here makes every backend return the same value. */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    OfflineStore.Stored toStored() {
        return new OfflineStore.Stored(id, stored, stanza);
    }
}
