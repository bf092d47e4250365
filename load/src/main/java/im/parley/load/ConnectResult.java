package im.parley.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@link ConnectRun}: how many clients got online (or registered), how fast,
 * and why the others failed.
 *
 * @param online the clients now online, by index (empty for registration)
 * @param failures failure reasons and how often each occurred
 * @param elapsedNanos from the first connection attempt to the last client settling
 * @param latency connect-to-online (or connect-to-registered) times of the successful clients
 * @param toolCores the tool's CPU use during the run, in cores
 */
public record ConnectResult(XmppClient.Purpose purpose, LoadTarget target, int attempted, List<XmppClient> online,
                            long created, long existed, Map<String, Long> failures, long elapsedNanos,
                            Latency latency, double toolCores) {

    public ConnectResult {
        online = List.copyOf(online);
        failures = Map.copyOf(failures);
    }

    public long succeeded() {
        return purpose == XmppClient.Purpose.LOGIN ? online.size() : created + existed;
    }

    public long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    /** Successful logins (or registrations) per second over the whole run. */
    public double perSecond() {
        return succeeded() / seconds();
    }

    /** A few lines for people. */
    public String summary() {
        String what = purpose == XmppClient.Purpose.LOGIN ? "logged in" : "registered";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d of %d %s (%s, %s%s) in %.1f s: %.1f/s, %d failed%n",
                purpose == XmppClient.Purpose.LOGIN ? "login" : "register", succeeded(), attempted, what,
                target.tls() ? "TLS" : "no TLS", target.mechanism(),
                purpose == XmppClient.Purpose.LOGIN && target.streamManagement() ? ", stream management" : "",
                seconds(), perSecond(), failed()));
        if (purpose == XmppClient.Purpose.REGISTER) {
            sb.append(String.format(Locale.ROOT, "  created %d, existed already %d%n", created, existed));
        }
        sb.append("  time to ").append(purpose == XmppClient.Purpose.LOGIN ? "online" : "answer").append(": ")
                .append(latency.describeMillis())
                .append(String.format(Locale.ROOT, "; tool CPU %.2f cores%n", toolCores));
        failures.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> sb.append("  failed ").append(e.getValue()).append("x: ").append(e.getKey()).append('\n'));
        return sb.toString();
    }

    /** The machine-readable line. */
    public String json() {
        JsonLine json = new JsonLine()
                .put("scenario", purpose == XmppClient.Purpose.LOGIN ? "login" : "register")
                .put("host", target.host()).put("port", target.port()).put("domain", target.domain())
                .put("tls", target.tls()).put("mechanism", target.mechanism())
                .put("sm", purpose == XmppClient.Purpose.LOGIN && target.streamManagement())
                .put("attempted", attempted).put("succeeded", succeeded()).put("failed", failed());
        if (purpose == XmppClient.Purpose.REGISTER) {
            json.put("created", created).put("existed", existed);
        }
        json.put("seconds", seconds()).put("per_second", perSecond());
        latency.putJson(json, "latency");
        return json.put("tool_cpu_cores", toolCores).put("failures", new java.util.TreeMap<>(failures)).toString();
    }
}
