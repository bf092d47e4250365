package im.parley.core.session;

import im.parley.api.session.LocalSession;
import im.parley.api.session.Sessions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/** The bound client sessions of this node, by full JID. */
public final class SessionRegistry implements Sessions {
    private final Map<String, Map<String, ClientSession>> sessions = new ConcurrentHashMap<>();
    private final java.util.Set<ClientSession> connected = ConcurrentHashMap.newKeySet();

    /** Sessions that can be resumed (XEP-0198), by resumption id. */
    private final Map<String, ClientSession> resumable = new ConcurrentHashMap<>();

    void resumable(String id, ClientSession session) {
        resumable.put(id, session);
    }

    ClientSession resumable(String id) {
        return resumable.get(id);
    }

    @Override
    public Optional<LocalSession> resumableSession(String id) {
        return Optional.ofNullable(resumable.get(id));
    }

    void forgetResumable(String id, ClientSession session) {
        resumable.remove(id, session);
    }

    /** A stream opened (bound or not); tracked so shutdown can say goodbye to every client. */
    void connected(ClientSession session) {
        connected.add(session);
    }

    void disconnected(ClientSession session) {
        connected.remove(session);
        if (connected.isEmpty()) {
            synchronized (connected) {
                connected.notifyAll();
            }
        }
    }

    /**
     * Waits up to the timeout until every stream has ended and modules have handled its end;
     * returns whether all have.
     */
    public boolean awaitAllEnded(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (connected) {
            for (long left = timeout.toNanos(); !connected.isEmpty(); left = deadline - System.nanoTime()) {
                if (left <= 0) {
                    return false;
                }
                try {
                    connected.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Every open client stream, authenticated or not. */
    public List<ClientSession> connectedSessions() {
        return List.copyOf(connected);
    }

    /** Binds a session to its full JID; returns the session it replaces, if any. */
    ClientSession bind(ClientSession session) {
        JID full = session.address();
        ClientSession[] previous = new ClientSession[1];
        sessions.compute(full.toBareJID(), (bare, resources) -> {
            Map<String, ClientSession> r = resources == null ? new ConcurrentHashMap<>() : resources;
            previous[0] = r.put(full.getResource(), session);
            return r;
        });
        return previous[0];
    }

    /** Removes a session unless its JID has been bound by another session since; returns whether it was removed. */
    boolean unbind(ClientSession session) {
        JID full = session.address();
        boolean[] removed = new boolean[1];
        sessions.computeIfPresent(full.toBareJID(), (bare, resources) -> {
            removed[0] = resources.remove(full.getResource(), session);
            return resources.isEmpty() ? null : resources;
        });
        return removed[0];
    }

    @Override
    public Optional<LocalSession> find(JID full) {
        return Optional.ofNullable(findClient(full));
    }

    ClientSession findClient(JID full) {
        if (full.getResource() == null) {
            return null;
        }
        Map<String, ClientSession> resources = sessions.get(full.toBareJID());
        return resources == null ? null : resources.get(full.getResource());
    }

    @Override
    public List<LocalSession> of(JID bare) {
        Map<String, ClientSession> resources = sessions.get(bare.toBareJID());
        return resources == null ? List.of() : List.copyOf(resources.values());
    }

    @Override
    public Collection<LocalSession> all() {
        List<LocalSession> all = new ArrayList<>();
        sessions.values().forEach(r -> all.addAll(r.values()));
        return all;
    }

    @Override
    public int count() {
        int n = 0;
        for (Map<String, ClientSession> r : sessions.values()) {
            n += r.size();
        }
        return n;
    }
}
