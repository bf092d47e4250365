package im.parley.storage;

import im.parley.module.archive.InboxStore;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;

/**
 * A row of {@code inbox_conversations}: one conversation of one account's inbox (XEP-0430) with its
 * last message and unread count. Never leaves this package. Fields are not final because Hibernate
 * fills them by reflection.
 */
@Entity(name = "InboxConversation")
@Table(name = "inbox_conversations")
class InboxConversationEntity {
    /** Longest archive id: what the archive accepts. */
    static final int MAX_ID_CHARS = 64;

    @EmbeddedId
    private Key id;

    // Kept beside its hash so that the table can be read (and migrated) without the hash function.
    @Convert(converter = Utf8Converter.class)
    @Column(name = "owner", nullable = false, length = Utf8Converter.MAX_BARE_JID_BYTES)
    private String owner;

    @Column(name = "last_id", nullable = false, length = MAX_ID_CHARS)
    private String lastId;

    @Column(name = "last_stamp", nullable = false)
    private Instant lastStamp;

    @Column(name = "last_stanza", nullable = false, length = OfflineMessageEntity.MAX_STANZA_CHARS)
    private String lastStanza;

    @Column(name = "unread", nullable = false)
    private int unread;

    protected InboxConversationEntity() {
        // for Hibernate
    }

    /** A new conversation whose only message is the update's. */
    InboxConversationEntity(InboxStore.Update u) {
        this.id = new Key(u.owner(), u.with());
        this.owner = u.owner();
        this.lastId = u.id();
        this.lastStamp = OfflineMessageEntity.micros(u.stamp());
        this.lastStanza = u.stanza();
        this.unread = u.incoming() ? 1 : 0;
    }

    InboxStore.Conversation toConversation() {
        return new InboxStore.Conversation(owner, id.with(), lastId, lastStamp, lastStanza, unread);
    }

    /** The SHA-256 of a bare JID's UTF-8 bytes: what the keys hold in place of the owner. */
    static byte[] ownerHash(String owner) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(owner.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static byte[] utf8(String jid) {
        return jid.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The primary key (owner_hash, with_jid). The owner's hash rather than the owner because two
     * 2047-byte bare JIDs do not fit one InnoDB key (3072 bytes); a collision of SHA-256 is not a
     * practical concern, so the hash names the owner exactly as the block list's does. Bytes rather
     * than converted strings because JPA applies no converters to id attributes; equality is by
     * content, as Hibernate needs.
     */
    @Embeddable
    static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "owner_hash", nullable = false, length = 32)
        private byte[] ownerHash;

        @Column(name = "with_jid", nullable = false, length = Utf8Converter.MAX_BARE_JID_BYTES)
        private byte[] with;

        protected Key() {
            // for Hibernate
        }

        Key(String owner, String with) {
            this.ownerHash = ownerHash(owner);
            this.with = utf8(with);
        }

        String with() {
            return new String(with, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(ownerHash, k.ownerHash) && Arrays.equals(with, k.with);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(ownerHash) + Arrays.hashCode(with);
        }
    }
}
