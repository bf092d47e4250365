package im.parley.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code connect} scenario: open N sessions, report logins per second and failures, print a
 * READY line, then hold the sessions idle so the server's memory can be measured.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Open N sessions, report logins/s, print 'READY ...', then hold them idle.")
final class ConnectCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-n", "--sessions"}, defaultValue = "1000", description = "Sessions to open (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--hold", defaultValue = "0s", converter = DurationConverter.class,
            description = "How long to keep the sessions open once all are up; SIGTERM ends it early (default: ${DEFAULT-VALUE}).")
    Duration hold;

    @Option(names = "--keepalive", defaultValue = "120s", converter = DurationConverter.class,
            description = "Whitespace keepalive interval while holding, 0s for none; keep it under the server's c2s.idle_timeout (default: ${DEFAULT-VALUE}).")
    Duration keepalive;

    private volatile boolean stopping;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        LoadTarget target = common.target();
        try (ClientConnector connector = common.connector(target)) {
            Thread hook = new Thread(() -> stop(connector), "parley-load-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            ConnectResult result = common.login(connector, target, sessions, out);
            out.println("READY sessions=" + result.succeeded() + " failed=" + result.failed());
            out.flush();
            hold(result.online(), out);
            result.online().forEach(XmppClient::close);
            connector.awaitClosed(Duration.ofSeconds(5));
            Runtime.getRuntime().removeShutdownHook(hook);
            return result.failed() == 0 ? 0 : 1;
        }
    }

    /** On SIGTERM: ends the hold and closes every connection. */
    private void stop(ClientConnector connector) {
        stopping = true;
        connector.close();
    }

    /** Keeps the sessions open, sending whitespace keepalives and reporting sessions the server drops. */
    private void hold(List<XmppClient> clients, PrintStream out) throws InterruptedException {
        if (hold.isZero() || hold.isNegative()) {
            return;
        }
        out.println("holding " + clients.size() + " sessions for " + hold.toSeconds() + " s");
        out.flush();
        long start = System.nanoTime();
        long end = start + hold.toNanos();
        long nextKeepalive = keepalive.isZero() ? Long.MAX_VALUE : start + keepalive.toNanos();
        long lastOnline = clients.size();
        for (long now = start; now < end && !stopping; now = System.nanoTime()) {
            Thread.sleep(Math.max(1, Math.min(1_000, (end - now) / 1_000_000)));
            if (System.nanoTime() >= nextKeepalive) {
                clients.forEach(c -> c.send(Stanzas.WHITESPACE));
                nextKeepalive += keepalive.toNanos();
            }
            long online = clients.stream().filter(XmppClient::online).count();
            if (online != lastOnline && !stopping) {
                out.println("online: " + online + " of " + clients.size());
                out.flush();
                lastOnline = online;
            }
        }
    }
}
