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
 * A row of {@code muc_affiliations}: one user's affiliation with a persistent room (none is no row).
 * Never leaves this package. Fields are not final because Hibernate fills them by reflection.
 */
@Entity(name = "MucAffiliation")
@Table(name = "muc_affiliations")
class MucAffiliationEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "room_jid", nullable = false, length = Utf8Converter.MAX_BARE_JID_BYTES)
    private String room;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "user_jid", nullable = false, length = Utf8Converter.MAX_BARE_JID_BYTES)
    private String user;

    /** Stands in for the JID in the unique key beside the room, which could not hold both. */
    @Column(name = "user_jid_hash", nullable = false, length = 32)
    private byte[] userHash;

    @Column(name = "affiliation", nullable = false, length = 8)
    private String affiliation;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "nick", length = AccountEntity.MAX_PART_BYTES)
    private String nick;

    @Column(name = "reason", length = MucRoomEntity.MAX_TEXT_CHARS)
    private String reason;

    protected MucAffiliationEntity() {
        // for Hibernate
    }

    MucAffiliationEntity(String room, String user) {
        this.room = room;
        this.user = user;
        this.userHash = hash(user);
    }

    void update(String affiliation, String nick, String reason) {
        this.affiliation = affiliation;
        this.nick = nick;
        this.reason = reason;
    }

    String user() {
        return user;
    }

    String affiliation() {
        return affiliation;
    }

    String nick() {
        return nick;
    }

    String reason() {
        return reason;
    }

    static byte[] hash(String jid) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(jid.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
