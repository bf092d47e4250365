package im.parley.core.dispatch;

import im.parley.api.Interceptor;
import im.parley.api.Phase;
import im.parley.api.StanzaException;
import im.parley.api.session.LocalSession;
import java.util.EnumMap;
import java.util.Map;
import org.xmpp.packet.Packet;

/** The interceptor chains of both phases. A failing interceptor is logged and skipped. */
public final class Interceptors {
    private final Map<Phase, Ordered<Interceptor>> chains = new EnumMap<>(Phase.class);
    private final io.prometheus.metrics.core.metrics.Histogram latency;
    private final io.prometheus.metrics.core.metrics.Counter outcomes;

    private final ModuleFailures failures;

    public Interceptors(im.parley.core.metrics.ServerMetrics metrics, ModuleFailures failures) {
        this.failures = failures;
        this.latency = metrics.timer("parley_interceptor_seconds", "Time interceptors take", "module", "phase");
        this.outcomes = metrics.counter("parley_interceptor_total", "Interceptor decisions", "module", "phase", "outcome");
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
            long start = System.nanoTime();
            String outcome = "pass";
            try {
                current = i.value().intercept(current, session);
                outcome = current == null ? "drop" : "pass";
            } catch (StanzaException e) {
                outcome = "refuse";
                throw e;
            } catch (RuntimeException e) {
                outcome = "failure";
                failures.failed(i.owner(), "intercepting a " + stanza.getElement().getName() + " at " + phase, e);
            } finally {
                latency.labelValues(i.owner(), phase.name()).observe((System.nanoTime() - start) / 1e9);
                outcomes.labelValues(i.owner(), phase.name(), outcome).inc();
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
