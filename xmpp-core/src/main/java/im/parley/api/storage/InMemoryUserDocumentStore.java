package im.parley.api.storage;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/** {@link UserDocumentStore} in memory, for tests and servers without persistent storage. */
public final class InMemoryUserDocumentStore implements UserDocumentStore {
    private final Map<String, Map<String, String>> documents = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(JID owner, String key) {
        Map<String, String> docs = documents.get(owner.toBareJID());
        return docs == null ? Optional.empty() : Optional.ofNullable(docs.get(key));
    }

    @Override
    public void put(JID owner, String key, String document) {
        if (key.length() > 255) {
            throw new IllegalArgumentException("document keys are at most 255 characters");
        }
        documents.computeIfAbsent(owner.toBareJID(), o -> new ConcurrentHashMap<>()).put(key, document);
    }

    @Override
    public boolean delete(JID owner, String key) {
        Map<String, String> docs = documents.get(owner.toBareJID());
        return docs != null && docs.remove(key) != null;
    }

    @Override
    public void deleteAll(JID owner) {
        documents.remove(owner.toBareJID());
    }
}
