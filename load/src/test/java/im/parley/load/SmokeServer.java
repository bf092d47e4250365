package im.parley.load;

import im.parley.api.account.AccountException;
import im.parley.testing.ParleyServer;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.xmpp.packet.JID;

/**
 * Runs the core's in-process test server as a process of its own, with accounts made up front,
 * so the load tool and bench.sh can be tried before the real launcher exists. In-memory storage,
 * throwaway certificate, 8 workers, SCRAM at 4096 iterations: figures from it are smoke, not benchmarks.
 *
 * <p>Arguments: {@code [accounts [pattern [password]]]}. PARLEY_* environment variables override the
 * config as for the real server; the port defaults to 5222 and the connection limits are lifted.
 */
public final class SmokeServer {
    private SmokeServer() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String pattern = args.length > 1 ? args[1] : "load%d";
        String password = args.length > 2 ? args[2] : "load-password";
        ParleyServer.Builder builder = ParleyServer.with();
        Map<String, String> defaults = Map.of(
                "PARLEY_C2S_PORT", "5222",
                "PARLEY_C2S_DIRECT_TLS_PORT", "-1",
                "PARLEY_C2S_MAX_CONNECTIONS_PER_IP", "1000000",
                "PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND_PER_IP", "1000000",
                "PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND", "1000000");
        defaults.forEach((k, v) -> builder.env(k, System.getenv().getOrDefault(k, v)));
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("PARLEY_") && !defaults.containsKey(k)) {
                builder.env(k, v);
            }
        });
        ParleyServer server = builder.build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "smoke-server-stop"));
        IntStream.range(0, accounts).parallel().forEach(i -> {
            try {
                server.server().accounts().create(
                        new JID(String.format(Locale.ROOT, pattern, i), server.domain(), null), password);
            } catch (AccountException e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.println("SMOKE SERVER READY port=" + server.port() + " accounts=" + accounts);
        System.out.flush();
        Thread.currentThread().join();
    }
}
