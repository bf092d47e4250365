package im.parley.load;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every scenario shares: where to connect, how to log in, and how fast to open sessions. */
final class CommonOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "5222", description = "Client (STARTTLS) port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--domain", defaultValue = "localhost", description = "XMPP domain of the accounts (default: ${DEFAULT-VALUE}).")
    String domain;

    @Option(names = "--tls", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Use STARTTLS, trusting any certificate (default: on). --no-tls needs a server with c2s.require_tls false.")
    boolean tls;

    @Option(names = "--sm",
            description = "Stream management (XEP-0198): enable it after binding (a session is online once <enabled/> "
                    + "arrives), count stanzas and answer the server's <r/>; messages also asks for acks and reports their latency.")
    boolean streamManagement;

    @Option(names = "--mechanism", defaultValue = "SCRAM-SHA-256",
            description = "SASL mechanism: SCRAM-SHA-256, SCRAM-SHA-1 or PLAIN (TLS only) (default: ${DEFAULT-VALUE}).")
    String mechanism;

    @Option(names = {"-u", "--user"}, defaultValue = "load%d", description = "Username pattern with one %%d (default: ${DEFAULT-VALUE}).")
    String userPattern;

    @Option(names = "--password", defaultValue = "load-password", description = "Password of every account (default: ${DEFAULT-VALUE}).")
    String password;

    @Option(names = "--first", defaultValue = "0", description = "Index of the first account (default: ${DEFAULT-VALUE}).")
    int first;

    @Option(names = "--register", description = "First create the accounts by in-band registration (XEP-0077); existing ones are fine.")
    boolean register;

    @Option(names = "--login-concurrency", defaultValue = "100", description = "Clients negotiating at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--login-rate", defaultValue = "0", description = "New connections per second, 0 for no limit (default: ${DEFAULT-VALUE}).")
    double loginRate;

    @Option(names = "--login-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "Time one client may take to get online (default: ${DEFAULT-VALUE}).")
    Duration loginTimeout;

    @Option(names = "--connect-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "TCP connect time-out (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--io-threads", defaultValue = "0", description = "MINA I/O threads, 0 for one per core (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--source", split = ",",
            description = "Local addresses to connect from, round robin (e.g. 127.0.0.2,127.0.0.3), to spread per-address limits.")
    List<String> sources = new ArrayList<>();

    LoadTarget target() throws UnknownHostException {
        List<InetAddress> local = new ArrayList<>();
        for (String s : sources) {
            local.add(InetAddress.getByName(s.trim()));
        }
        return new LoadTarget(host, port, domain, tls, mechanism, userPattern, password, local, connectTimeout,
                streamManagement);
    }

    ClientConnector connector(LoadTarget target) {
        return connector(target, Placement.single(target));
    }

    ClientConnector connector(LoadTarget target, Placement placement) {
        return new ClientConnector(target, ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors(), placement);
    }

    /** Registers (if asked) and logs in {@code count} clients, printing each phase's summary and JSON line. */
    ConnectResult login(ClientConnector connector, LoadTarget target, int count, PrintStream out) throws InterruptedException {
        ConnectRun run = new ConnectRun(connector, target, concurrency, loginRate, loginTimeout);
        if (register) {
            ConnectResult registered = run.run(XmppClient.Purpose.REGISTER, first, count);
            out.print(registered.summary());
            out.println(registered.json());
        }
        ConnectResult result = run.run(XmppClient.Purpose.LOGIN, first, count);
        out.print(result.summary());
        out.println(result.json());
        out.flush();
        return result;
    }
}
