package im.parley.s2s;

import im.parley.api.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Our way to one remote domain from one local domain: a stream when it is up, a queue while it
 * is being set up, and a growing wait after failures (RFC 6120 §13: one stream per domain pair).
 * Never calls a stream's synchronized methods under its own lock; streams call it under theirs.
 */
final class OutgoingRoute {
    private final String local;
    private final String remote;
    private final Federation federation;
    private final OutgoingRoutes routes;
    private final ArrayDeque<Packet> queue = new ArrayDeque<>();
    private final Map<String, CompletableFuture<Boolean>> verifications = new HashMap<>();
    /** Verifications asked for before a stream exists, by stream id: their keys. */
    private final Map<String, String> unsent = new HashMap<>();
    private StanzaSink sink;
    private OutgoingStream connecting;
    private boolean setupRunning;
    private Scheduler.Task timeout;
    private int failures;
    private Instant retryAt = Instant.MIN;
    private String lastFailure = "";

    OutgoingRoute(String local, String remote, Federation federation, OutgoingRoutes routes) {
        this.local = local;
        this.remote = remote;
        this.federation = federation;
        this.routes = routes;
    }

    String local() {
        return local;
    }

    String remote() {
        return remote;
    }

    void send(Packet stanza) {
        PacketError.Condition refusal = null;
        String text = null;
        synchronized (this) {
            if (sink != null) {
                sink.send(stanza);
                return;
            }
            if (!setupRunning && Instant.now().isBefore(retryAt)) {
                refusal = PacketError.Condition.remote_server_not_found;
                text = lastFailure;
            } else if (queue.size() >= federation.config.maxQueuedStanzas()) {
                refusal = PacketError.Condition.resource_constraint;
                text = "too many stanzas wait for the connection to " + remote;
            } else {
                queue.add(stanza);
                startSetup();
            }
        }
        if (refusal != null) {
            federation.bounce(stanza, refusal, text);
        }
    }

    /** Asks the remote domain's authoritative server whether a dialback key is its own (XEP-0220 §2.2). */
    CompletableFuture<Boolean> verify(String id, String key) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        OutgoingStream stream;
        synchronized (this) {
            if (!setupRunning && connecting == null && Instant.now().isBefore(retryAt)) {
                return CompletableFuture.completedFuture(false);
            }
            CompletableFuture<Boolean> earlier = verifications.put(id, answer);
            if (earlier != null) {
                earlier.complete(false);
            }
            startSetup();
            stream = connecting != null ? connecting : sink instanceof OutgoingStream s ? s : null;
            if (stream == null) {
                unsent.put(id, key);
            }
        }
        if (stream != null) {
            stream.verify(id, key);
        }
        return answer;
    }

    /** Starts connecting unless a stream is up or on its way. Under the lock. */
    private void startSetup() {
        if (setupRunning || connecting != null || sink instanceof OutgoingStream) {
            return;
        }
        setupRunning = true;
        timeout = federation.ctx.scheduler().schedule(federation.config.connectTimeout(), this::timedOut);
        routes.connect(this);
    }

    synchronized OutgoingStream newStream(S2sLink link) {
        OutgoingStream stream = new OutgoingStream(link, federation, this);
        connecting = stream;
        // The stream is not running yet, so nothing else holds its lock.
        unsent.forEach(stream::verify);
        unsent.clear();
        return stream;
    }

    /** A stream (outgoing, or an incoming bidirectional one) is authenticated: send what waits. */
    void ready(StanzaSink stream) {
        synchronized (this) {
            if (stream instanceof OutgoingStream && stream != connecting) {
                return;
            }
            connecting = stream == connecting ? null : connecting;
            setupRunning = false;
            failures = 0;
            if (timeout != null) {
                timeout.cancel();
            }
            sink = stream;
            while (!queue.isEmpty()) {
                stream.send(queue.poll());
            }
        }
    }

    void verified(String id, boolean valid) {
        CompletableFuture<Boolean> answer;
        synchronized (this) {
            answer = verifications.remove(id);
        }
        if (answer != null) {
            answer.complete(valid);
        }
    }

    /** Setup failed (or a stream broke): bounce what waits, and wait longer before the next try. */
    void failed(OutgoingStream stream, PacketError.Condition condition, String text) {
        List<Packet> bounced;
        List<CompletableFuture<Boolean>> unanswered;
        synchronized (this) {
            if (stream != null && stream != connecting && stream != sink) {
                return;
            }
            if (stream != null && stream == sink) {
                sink = null;
            }
            connecting = null;
            setupRunning = false;
            if (timeout != null) {
                timeout.cancel();
            }
            failures++;
            long wait = Math.min(federation.config.maxBackoff().toMillis(), 1000L << Math.min(20, failures - 1));
            retryAt = Instant.now().plus(Duration.ofMillis(wait));
            lastFailure = text;
            bounced = new ArrayList<>(queue);
            queue.clear();
            unanswered = new ArrayList<>(verifications.values());
            verifications.clear();
            unsent.clear();
        }
        org.slf4j.LoggerFactory.getLogger(OutgoingRoute.class).info("No stream from {} to {}: {}; {} stanzas returned to their senders",
                local, remote, text, bounced.size());
        bounced.forEach(p -> federation.bounce(p, condition, text));
        unanswered.forEach(a -> a.complete(false));
    }

    private void timedOut() {
        OutgoingStream stream;
        synchronized (this) {
            if (!setupRunning && connecting == null) {
                return;
            }
            stream = connecting;
        }
        String text = "no connection to " + remote + " within " + federation.config.connectTimeout().toSeconds() + " s";
        failed(stream, PacketError.Condition.remote_server_timeout, text);
        if (stream != null) {
            stream.abandon(text);
        }
    }

    /** A stream ended: an authenticated one is simply reopened on the next stanza. */
    void closed(StanzaSink stream) {
        boolean wasSetup;
        synchronized (this) {
            if (stream == sink) {
                sink = null;
                return;
            }
            wasSetup = stream == connecting;
        }
        if (wasSetup) {
            failed((OutgoingStream) stream, PacketError.Condition.remote_server_not_found,
                    remote + " closed the connection during setup");
        }
    }

    /** No address of the remote domain could be reached. */
    void unreachable(String text) {
        failed(null, PacketError.Condition.remote_server_not_found, text);
    }
}
