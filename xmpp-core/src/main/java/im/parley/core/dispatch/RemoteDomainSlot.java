package im.parley.core.dispatch;

import im.parley.api.routing.RemoteDomains;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The one module that takes stanzas for other servers' domains, if one is running. */
public final class RemoteDomainSlot {
    private record Holder(String owner, RemoteDomains remote) {
    }

    private final AtomicReference<Holder> holder = new AtomicReference<>();

    Runnable set(String owner, RemoteDomains remote) {
        Holder mine = new Holder(owner, remote);
        if (!holder.compareAndSet(null, mine)) {
            throw new IllegalStateException("'" + holder.get().owner() + "' already handles remote domains; '"
                    + owner + "' cannot too");
        }
        return () -> holder.compareAndSet(mine, null);
    }

    /** The module handling remote domains, or empty when federation is off. */
    public Optional<RemoteDomains> get() {
        Holder h = holder.get();
        return h == null ? Optional.empty() : Optional.of(h.remote());
    }
}
