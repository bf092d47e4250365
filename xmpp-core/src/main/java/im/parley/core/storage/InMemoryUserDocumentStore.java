package im.parley.core.storage;

import im.parley.api.storage.UserDocumentStore;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * Former location of {@link im.parley.api.storage.InMemoryUserDocumentStore}, kept only until
 * the branches written against it are merged.
 *
 * @deprecated use {@link im.parley.api.storage.InMemoryUserDocumentStore}
 */
@Deprecated
public final class InMemoryUserDocumentStore implements UserDocumentStore {
    private final UserDocumentStore delegate = new im.parley.api.storage.InMemoryUserDocumentStore();

    @Override
    public Optional<String> get(JID owner, String key) {
        return delegate.get(owner, key);
    }

    @Override
    public void put(JID owner, String key, String document) {
        delegate.put(owner, key, document);
    }

    @Override
    public boolean delete(JID owner, String key) {
        return delegate.delete(owner, key);
    }

    @Override
    public void deleteAll(JID owner) {
        delegate.deleteAll(owner);
    }
}
