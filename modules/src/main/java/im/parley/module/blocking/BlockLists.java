package im.parley.module.blocking;

import im.parley.api.cluster.ClusterView;
import im.parley.api.routing.SessionDirectory;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.xmpp.packet.JID;

/**
 * The block lists the interceptors consult, cached in front of the {@link BlockListStore}: every
 * stanza to or from a local user needs one or two lists, which must not cost a database query each.
 * Only accounts that are online somewhere in the cluster are cached (their lists are the ones
 * asked for again and again, also for every stanza they send to users on other nodes); an entry
 * goes when the account's last session on this node closes, or at the next sweep once the account
 * is offline everywhere.
 *
 * <p>Every change goes through here, inside the map's per-key lock, so a load can never put back a
 * list older than a change made meanwhile. On a cluster, the node that changes a list tells the
 * others through a cluster notice, and they drop their copy.
 */
final class BlockLists {
    /** Cluster channel on which a node says which account's list it changed, so the others drop their copy. */
    static final String CHANGED = "blocking.changed";

    private final BlockListStore store;
    private final SessionDirectory routes;
    private final ClusterView cluster;
    private final Map<String, BlockList> cached = new ConcurrentHashMap<>();

    BlockLists(BlockListStore store, SessionDirectory routes, ClusterView cluster) {
        this.store = store;
        this.routes = routes;
        this.cluster = cluster;
    }

    /** A notice from {@link #CHANGED}: another node changed the account's list. */
    void changedElsewhere(String notice) {
        int space = notice.indexOf(' ');
        if (space > 0 && !notice.substring(0, space).equals(cluster.localNode())) {
            cached.remove(notice.substring(space + 1));
        }
    }

    /** An account's list (the bare JID of any address of it). */
    BlockList of(JID account) {
        String key = account.toBareJID();
        BlockList list = cached.get(key);
        if (list != null) {
            return list;
        }
        if (routes.routes(account).isEmpty()) {
            return load(account);
        }
        return cached.computeIfAbsent(key, k -> load(account));
    }

    /**
     * Adds JIDs unless the list would then hold more than {@code max}; returns the list as it was
     * before, or null when the JIDs were refused (the check and the write are one step).
     */
    BlockList block(JID account, Collection<JID> jids, int max) {
        return change(account, before -> {
            Set<JID> added = new HashSet<>(jids);
            added.removeAll(before.items());
            if (before.size() + added.size() > max) {
                return false;
            }
            store.block(account, jids);
            return true;
        });
    }

    /** Removes JIDs; returns the list as it was before. */
    BlockList unblock(JID account, Collection<JID> jids) {
        return change(account, before -> {
            store.unblock(account, jids);
            return true;
        });
    }

    /** Empties the list; returns the list as it was before. */
    BlockList clear(JID account) {
        return change(account, before -> {
            store.clear(account);
            return true;
        });
    }

    /** Forgets an account whose last session has closed. */
    void evictIfOffline(JID account) {
        String key = account.toBareJID();
        cached.computeIfPresent(key, (k, list) -> routes.routes(account).isEmpty() ? null : list);
    }

    /** Forgets accounts that went offline on other nodes. */
    void sweep() {
        for (String key : cached.keySet()) {
            evictIfOffline(new JID(key));
        }
    }

    /**
     * Runs a store write under the account's lock, refreshing the cached list if there is one. The
     * write sees the list as it was and says whether it wrote; returns that list, or null if not.
     */
    private BlockList change(JID account, Predicate<BlockList> write) {
        BlockList[] before = new BlockList[1];
        boolean[] written = new boolean[1];
        cached.compute(account.toBareJID(), (k, old) -> {
            before[0] = old != null ? old : load(account);
            written[0] = write.test(before[0]);
            return old == null ? null : written[0] ? load(account) : old;
        });
        if (written[0]) {
            cluster.notice(CHANGED, cluster.localNode() + " " + account.toBareJID());
        }
        return written[0] ? before[0] : null;
    }

    private BlockList load(JID account) {
        return new BlockList(store.blocked(account.asBareJID()));
    }
}
