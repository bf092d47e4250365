package im.parley.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A row of {@code user_documents}: one document of one account; never leaves this package.
 * Fields are not final because Hibernate fills them by reflection.
 */
@Entity(name = "UserDocument")
@Table(name = "user_documents")
class UserDocumentEntity {
    /** Longest bare JID in bytes: two 1023-byte parts and the '@' (RFC 7622 §3.2, §3.3). */
    static final int MAX_OWNER_BYTES = 2047;
    /** Longest key in bytes: 255 UTF-16 units take at most 3 UTF-8 bytes each. */
    static final int MAX_KEY_BYTES = 765;
    static final int MAX_DOCUMENT_CHARS = 1024 * 1024;

    @EmbeddedId
    private Key id;

    @Column(name = "document", nullable = false, length = MAX_DOCUMENT_CHARS)
    private String document;

    protected UserDocumentEntity() {
        // for Hibernate
    }

    UserDocumentEntity(String owner, String key, String document) {
        this.id = new Key(owner, key);
        this.document = document;
    }

    String document() {
        return document;
    }

    /**
     * The primary key (owner, doc_key) as UTF-8 bytes. Bytes rather than converted strings because
     * JPA applies no converters to id attributes; equality is by content, as Hibernate needs.
     */
    @Embeddable
    static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "owner", nullable = false, length = MAX_OWNER_BYTES)
        private byte[] owner;

        @Column(name = "doc_key", nullable = false, length = MAX_KEY_BYTES)
        private byte[] docKey;

        protected Key() {
            // for Hibernate
        }

        Key(String owner, String key) {
            this.owner = owner.getBytes(StandardCharsets.UTF_8);
            this.docKey = key.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(owner, k.owner) && Arrays.equals(docKey, k.docKey);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(owner) + Arrays.hashCode(docKey);
        }
    }
}
