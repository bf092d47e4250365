package im.parley.load;

import java.util.Locale;

/**
 * The outcome of a {@link MessageRun}: messages sent and received, throughput inside the
 * measurement window, delivery latency and losses.
 *
 * @param sentInWindow messages sent inside the measurement window
 * @param receivedInWindow messages that arrived inside the measurement window (the throughput)
 * @param bounced error replies instead of deliveries
 * @param disconnects clients that lost their connection during the run
 * @param toolCores the tool's CPU use during the run, in cores
 */
public record MessageResult(MessageRun.Settings settings, boolean tls, int pairs, long sent, long sentInWindow,
                            long received, long receivedInWindow, long bounced, long disconnects,
                            Latency latency, double toolCores) {

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
        return String.format(Locale.ROOT,
                "messages (%s, %d pairs, %s): sent %d, received %d, bounced %d, lost %d, disconnects %d%n"
                        + "  throughput %.0f msgs/s delivered (%.0f/s sent) over %.1f s%n"
                        + "  latency (%d samples): %s; tool CPU %.2f cores%n",
                how, pairs, tls ? "TLS" : "no TLS", sent, received, bounced, lost(), disconnects,
                messagesPerSecond(), sentPerSecond(), seconds(), latency.count(), latency.describeMillis(), toolCores);
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
                .put("disconnects", disconnects)
                .put("msgs_per_s", messagesPerSecond()).put("sent_per_s", sentPerSecond())
                .put("latency_samples", latency.count());
        latency.putJson(json, "latency");
        return json.put("tool_cpu_cores", toolCores).toString();
    }
}
