package im.parley.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@link MessageRun}: messages sent and received, throughput inside the
 * measurement window, delivery latency and losses, and under stream management the server's
 * acknowledgements of the messages sent.
 *
 * @param sentInWindow messages sent inside the measurement window
 * @param receivedInWindow messages that arrived inside the measurement window (the throughput)
 * @param bounced error replies instead of deliveries
 * @param disconnects clients that lost their connection during the run
 * @param toolCores the tool's CPU use during the run, in cores
 * @param sm whether the senders had stream management (XEP-0198) on
 * @param acked messages of this run the server acknowledged
 * @param ackLatency from sending a message (inside the measurement window) to the server's {@code <a/>} covering it
 * @param disconnectReasons why clients lost their connection, and how often
 * @param missingPairs one line for each pair with messages neither delivered nor bounced: a few of
 *     them point to stuck streams rather than general loss, and the line says whether the tool still
 *     holds the messages
 */
public record MessageResult(MessageRun.Settings settings, boolean tls, int pairs, long sent, long sentInWindow,
                            long received, long receivedInWindow, long bounced, long disconnects,
                            Latency latency, double toolCores, boolean sm, long acked, Latency ackLatency,
                            Map<String, Long> disconnectReasons, List<String> missingPairs) {

    public MessageResult {
        disconnectReasons = Map.copyOf(disconnectReasons);
        missingPairs = List.copyOf(missingPairs);
    }

    /** Pairs with messages neither delivered nor bounced. */
    public int pairsWithLosses() {
        return missingPairs.size();
    }

    /** Whether the senders asked the server to acknowledge their messages. */
    public boolean acksRequested() {
        return sm && settings.ackEvery() > 0;
    }

    /** Asked to be acknowledged but not acknowledged once the drain time was over. */
    public long unacked() {
        return acksRequested() ? Math.max(0, sent - acked) : 0;
    }

    /** Nothing lost, bounced or left unacknowledged. */
    public boolean clean() {
        return lost() == 0 && bounced == 0 && unacked() == 0;
    }

    /** Sent but neither delivered nor bounced once the drain time was over. */
    public long lost() {
        return Math.max(0, sent - received - bounced);
    }

    public double seconds() {
        return settings.duration().toNanos() / 1e9;
    }

    /** Messages delivered per second inside the measurement window. */
    public double messagesPerSecond() {
        return receivedInWindow / seconds();
    }

    /** Messages sent per second inside the measurement window (in RATE mode: the rate achieved). */
    public double sentPerSecond() {
        return sentInWindow / seconds();
    }

    public String summary() {
        boolean saturate = settings.mode() == MessageRun.Mode.SATURATE;
        String how = saturate ? "saturate, window " + settings.window() + " per sender"
                : String.format(Locale.ROOT, "rate %.0f/s", settings.rate());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "messages (%s, %d pairs, %s%s): sent %d, received %d, bounced %d, lost %d%s, disconnects %d%n"
                        + "  throughput %.0f msgs/s delivered (%.0f/s sent) over %.1f s%n"
                        + "  latency (%d samples): %s; tool CPU %.2f cores%n",
                how, pairs, tls ? "TLS" : "no TLS", sm ? ", stream management" : "", sent, received, bounced, lost(),
                pairsWithLosses() > 0 ? " (in " + pairsWithLosses() + " of " + pairs + " pairs)" : "", disconnects,
                messagesPerSecond(), sentPerSecond(), seconds(), latency.count(), latency.describeMillis(), toolCores));
        if (acksRequested()) {
            sb.append(String.format(Locale.ROOT, "  ack latency (%d samples, <r/> every %d): %s; acked %d, unacked %d%n",
                    ackLatency.count(), settings.ackEvery(), ackLatency.describeMillis(), acked, unacked()));
        } else if (sm) {
            sb.append("  acks not requested (--sm-request-every 0)\n");
        }
        disconnectReasons.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> sb.append("  disconnected ").append(e.getValue()).append("x: ").append(e.getKey()).append('\n'));
        missingPairs.stream().limit(5).forEach(line -> sb.append("  missing: ").append(line).append('\n'));
        return sb.toString();
    }

    public String json() {
        JsonLine json = new JsonLine()
                .put("scenario", "messages")
                .put("mode", settings.mode().name().toLowerCase(Locale.ROOT))
                .put("tls", tls).put("pairs", pairs)
                .put("window", settings.mode() == MessageRun.Mode.SATURATE ? settings.window() : null)
                .put("target_rate", settings.mode() == MessageRun.Mode.RATE ? settings.rate() : null)
                .put("seconds", seconds())
                .put("sent", sent).put("received", received).put("bounced", bounced).put("lost", lost())
                .put("pairs_with_losses", pairsWithLosses())
                .put("disconnects", disconnects)
                .put("msgs_per_s", messagesPerSecond()).put("sent_per_s", sentPerSecond())
                .put("latency_samples", latency.count());
        latency.putJson(json, "latency");
        json.put("sm", sm);
        if (acksRequested()) {
            json.put("ack_every", settings.ackEvery()).put("acked", acked).put("unacked", unacked())
                    .put("ack_latency_samples", ackLatency.count());
            ackLatency.putJson(json, "ack_latency");
        }
        return json.put("tool_cpu_cores", toolCores).put("disconnect_reasons", new java.util.TreeMap<>(disconnectReasons))
                .toString();
    }
}
