package im.parley.storage;

import im.parley.api.storage.UserDocumentStore;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.SessionFactory;
import org.hibernate.exception.ConstraintViolationException;
import org.xmpp.packet.JID;

/** Per-account documents in the database, in the {@code user_documents} table. */
final class HibernateUserDocumentStore implements UserDocumentStore {
    private static final int MAX_KEY_LENGTH = 255;
    private static final int MAX_ATTEMPTS = 3;

    private final SessionFactory sessions;

    HibernateUserDocumentStore(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Optional<String> get(JID owner, String key) {
        UserDocumentEntity.Key id = id(owner, key);
        return sessions.fromStatelessTransaction(s -> Optional.ofNullable(s.get(UserDocumentEntity.class, id))
                .map(UserDocumentEntity::document));
    }

    @Override
    public void put(JID owner, String key, String document) {
        Objects.requireNonNull(document, "document");
        UserDocumentEntity row = new UserDocumentEntity(owner.toBareJID(), checked(key), document);
        // One statement: INSERT ... ON DUPLICATE KEY UPDATE on MariaDB, MERGE on H2. H2's MERGE is
        // not atomic: of two puts racing to create a key one fails on the primary key, and trying
        // again finds the row and updates it.
        for (int attempt = 1; ; attempt++) {
            try {
                sessions.inStatelessTransaction(s -> s.upsert(row));
                return;
            } catch (ConstraintViolationException e) {
                if (attempt == MAX_ATTEMPTS || e.getKind() != ConstraintViolationException.ConstraintKind.UNIQUE) {
                    throw e;
                }
            }
        }
    }

    @Override
    public boolean delete(JID owner, String key) {
        UserDocumentEntity.Key id = id(owner, key);
        return sessions.fromStatelessTransaction(s -> s.createMutationQuery(
                        "delete from UserDocument d where d.id = :id")
                .setParameter("id", id)
                .executeUpdate() > 0);
    }

    @Override
    public void deleteAll(JID owner) {
        byte[] bare = owner.toBareJID().getBytes(StandardCharsets.UTF_8);
        sessions.inStatelessTransaction(s -> s.createMutationQuery("delete from UserDocument d where d.id.owner = :owner")
                .setParameter("owner", bare)
                .executeUpdate());
    }

    private static UserDocumentEntity.Key id(JID owner, String key) {
        return new UserDocumentEntity.Key(owner.toBareJID(), checked(key));
    }

    /** The in-memory store's length rule, and what UTF-8 columns need. */
    private static String checked(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("document keys are at most " + MAX_KEY_LENGTH + " characters");
        }
        // An unpaired surrogate would be stored as '?' and name another document.
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(key)) {
            throw new IllegalArgumentException("a document key must be well-formed Unicode");
        }
        return key;
    }
}
