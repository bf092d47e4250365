package im.parley.module.adhoc;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/** Runs of multi-stage commands between requests, keyed by session id and bound to their requester. */
final class CommandSessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    record Run(String node, JID requester, AdHocCommand.Execution execution, Instant lastUsed) {
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final int maxRuns;

    CommandSessions(int maxRuns) {
        this.maxRuns = maxRuns;
    }

    /** Stores a run; returns its new session id, or empty when too many runs are open. */
    Optional<String> open(String node, JID requester, AdHocCommand.Execution execution, Instant now) {
        if (runs.size() >= maxRuns) {
            return Optional.empty();
        }
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        runs.put(id, new Run(node, requester, execution, now));
        return Optional.of(id);
    }

    /** The run of a session id, if it exists and belongs to this requester and node. */
    Optional<Run> find(String id, String node, JID requester) {
        Run run = runs.get(id);
        if (run == null || !run.node().equals(node) || !run.requester().equals(requester)) {
            return Optional.empty();
        }
        return Optional.of(run);
    }

    void touch(String id, Instant now) {
        runs.computeIfPresent(id, (k, r) -> new Run(r.node(), r.requester(), r.execution(), now));
    }

    void close(String id) {
        runs.remove(id);
    }

    void expire(Instant now, Duration idle) {
        runs.values().removeIf(r -> r.lastUsed().plus(idle).isBefore(now));
    }
}
