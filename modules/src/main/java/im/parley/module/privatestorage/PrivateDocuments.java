package im.parley.module.privatestorage;

import im.parley.api.StanzaException;
import im.parley.api.storage.UserDocumentStore;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Accounts' private XML in the per-user document store: one document per namespace and element
 * name, plus an index of those keys, because the store cannot count an account's documents.
 */
final class PrivateDocuments {
    private static final String PREFIX = "private:";
    /** Cannot clash with a document: their keys go on with '{'. */
    private static final String INDEX = PREFIX + "index";
    private static final int LOCK_STRIPES = 64;

    private final UserDocumentStore store;
    /** Writes of one account run one at a time, so that two of its sessions cannot both take the last free place. */
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    PrivateDocuments(UserDocumentStore store) {
        this.store = store;
        Arrays.setAll(locks, i -> new ReentrantLock());
    }

    /** The store key of an element, {@code private:{namespace}name}. */
    static String key(String namespace, String name) {
        return PREFIX + "{" + namespace + "}" + name;
    }

    Optional<String> get(JID owner, String key) {
        return store.get(owner, key);
    }

    /**
     * Stores documents (a null value deletes one) and refuses, changing nothing, when the account
     * would keep more documents than allowed. Writes that do not add documents always pass, so an
     * account over a lowered limit can still update and delete.
     */
    void write(JID owner, Map<String, String> changes, int maxDocuments) throws StanzaException {
        ReentrantLock lock = locks[Math.floorMod(owner.toBareJID().hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            Set<String> before = index(owner);
            Set<String> after = new TreeSet<>(before);
            changes.forEach((key, text) -> {
                if (text == null) {
                    after.remove(key);
                } else {
                    after.add(key);
                }
            });
            if (after.size() > maxDocuments && after.size() > before.size()) {
                throw new StanzaException(PacketError.Condition.not_acceptable,
                        "an account keeps at most " + maxDocuments + " private XML elements; delete one by storing it empty");
            }
            changes.forEach((key, text) -> {
                if (text == null) {
                    store.delete(owner, key);
                } else {
                    store.put(owner, key, text);
                }
            });
            if (!after.equals(before)) {
                if (after.isEmpty()) {
                    store.delete(owner, INDEX);
                } else {
                    store.put(owner, INDEX, String.join("\n", after));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Set<String> index(JID owner) {
        Set<String> keys = new TreeSet<>();
        store.get(owner, INDEX).ifPresent(text -> keys.addAll(Arrays.asList(text.split("\n"))));
        return keys;
    }
}
