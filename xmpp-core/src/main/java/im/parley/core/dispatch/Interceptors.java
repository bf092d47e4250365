package im.parley.core.dispatch;

import im.parley.api.Interceptor;
import im.parley.api.Phase;
import im.parley.api.StanzaException;
import im.parley.api.session.LocalSession;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Packet;

/** The interceptor chains of both phases. A failing interceptor is logged and skipped. */
public final class Interceptors {
    private static final Logger LOG = LoggerFactory.getLogger(Interceptors.class);
    private final Map<Phase, Ordered<Interceptor>> chains = new EnumMap<>(Phase.class);

    public Interceptors() {
        for (Phase phase : Phase.values()) {
            chains.put(phase, new Ordered<>());
        }
    }

    Runnable add(Phase phase, int priority, String owner, Interceptor interceptor) {
        return chains.get(phase).add(priority, owner, interceptor);
    }

    /**
     * Runs a phase's chain.
     *
     * @return the stanza to continue with, or null when an interceptor dropped it
     * @throws StanzaException when an interceptor refuses the stanza with an error
     */
    public Packet run(Phase phase, Packet stanza, LocalSession session) throws StanzaException {
        Packet current = stanza;
        for (Ordered.Owned<Interceptor> i : chains.get(phase).snapshot()) {
            try {
                current = i.value().intercept(current, session);
            } catch (RuntimeException e) {
                LOG.error("Interceptor of module '{}' failed; skipping it", i.owner(), e);
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
