package im.parley.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code messages} scenario: log in N sessions, pair them, and measure one-to-one chat
 * throughput (saturation with a window per sender) or latency at a fixed total rate.
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

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        LoadTarget target = common.target();
        MessageRun.Settings settings = new MessageRun.Settings(rate > 0 ? MessageRun.Mode.RATE : MessageRun.Mode.SATURATE,
                window, rate, warmup, duration, drain);
        try (ClientConnector connector = common.connector(target)) {
            ConnectResult logins = common.login(connector, target, sessions, out);
            if (logins.online().size() < 2) {
                out.println("messages: need at least two online sessions, have " + logins.online().size());
                return 1;
            }
            MessageResult result = new MessageRun(settings).run(logins.online(), target.tls());
            out.print(result.summary());
            out.println(result.json());
            out.flush();
            logins.online().forEach(XmppClient::close);
            connector.awaitClosed(Duration.ofSeconds(5));
            return logins.failed() == 0 && result.lost() == 0 && result.bounced() == 0 ? 0 : 1;
        }
    }
}
