package im.parley.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code messages} scenario: log in N sessions, pair them, and measure one-to-one chat
 * throughput (saturation with a window per sender) or latency at a fixed total rate. With
 * {@code --peer-port} the receiving session of each pair logs in to another server, e.g. a
 * second node of a cluster, so every message crosses between them.
 */
@Command(name = "messages", mixinStandardHelpOptions = true,
        description = "Pairs of sessions exchange chat messages: msgs/s at saturation, or latency at --rate.")
final class MessagesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-n", "--sessions"}, defaultValue = "200", description = "Sessions, two per pair (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--window", defaultValue = "10",
            description = "Saturation: messages in flight per sender (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--rate", defaultValue = "0",
            description = "Total messages per second over all senders; 0 saturates instead (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--warmup", defaultValue = "3s", converter = DurationConverter.class,
            description = "Sending before measuring starts (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
            description = "Measurement window (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--drain", defaultValue = "10s", converter = DurationConverter.class,
            description = "Wait for messages still in flight after sending stops (default: ${DEFAULT-VALUE}).")
    Duration drain;

    @Option(names = "--sm-request-every", defaultValue = "1",
            description = "With --sm: a sender asks for an ack (<r/>) with every N-th message and the ack latency is "
                    + "reported; 0 never asks (default: ${DEFAULT-VALUE}).")
    int ackEvery;

    @Option(names = "--peer-port", defaultValue = "0",
            description = "Port of another server (e.g. a second cluster node) for the receiving session of each pair; "
                    + "senders stay on --port. 0: both on --port (default: ${DEFAULT-VALUE}).")
    int peerPort;

    @Option(names = "--peer-host", description = "Host of that server (default: --host).")
    String peerHost;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        LoadTarget target = common.target();
        Placement placement = peerPort > 0
                ? Placement.acrossPairs(target, peerHost == null ? target.host() : peerHost, peerPort, common.first)
                : Placement.single(target);
        MessageRun.Settings settings = new MessageRun.Settings(rate > 0 ? MessageRun.Mode.RATE : MessageRun.Mode.SATURATE,
                window, rate, warmup, duration, drain, ackEvery);
        out.println("pairs: " + placement.describe());
        try (ClientConnector connector = common.connector(target, placement)) {
            ConnectResult logins = common.login(connector, target, sessions, out);
            List<XmppClient> paired = completePairs(logins.online());
            if (paired.size() < 2) {
                out.println("messages: need at least one pair with both sessions online, have " + logins.online().size()
                        + " sessions online");
                return 1;
            }
            MessageResult result = new MessageRun(settings).run(paired, target.tls());
            out.print(result.summary());
            out.println(result.json());
            out.flush();
            logins.online().forEach(XmppClient::close);
            connector.awaitClosed(Duration.ofSeconds(5));
            return logins.failed() == 0 && result.clean() ? 0 : 1;
        }
    }

    /**
     * The clients of the pairs (first, first + 1), (first + 2, first + 3), ... whose two sessions are
     * both online, in order, so a failed login never shifts a sender onto the receivers' server.
     */
    private List<XmppClient> completePairs(List<XmppClient> online) {
        Map<Integer, XmppClient> byIndex = new HashMap<>();
        online.forEach(c -> byIndex.put(c.index(), c));
        List<XmppClient> paired = new ArrayList<>();
        for (int i = common.first; i + 1 < common.first + sessions; i += 2) {
            XmppClient sender = byIndex.get(i);
            XmppClient receiver = byIndex.get(i + 1);
            if (sender != null && receiver != null) {
                paired.add(sender);
                paired.add(receiver);
            }
        }
        return paired;
    }
}
