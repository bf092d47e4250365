package im.parley.load;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the load clients connect and how they log in: server address, XMPP domain, TLS, SASL
 * mechanism, the account name pattern and the shared password, and whether they enable stream
 * management (XEP-0198) after binding.
 *
 * @param userPattern a {@link String#format} pattern with one integer, e.g. {@code load%d}
 * @param sourceAddresses local addresses to spread connections over (round robin); empty for the default
 */
public record LoadTarget(String host, int port, String domain, boolean tls, String mechanism,
                         String userPattern, String password, List<InetAddress> sourceAddresses,
                         Duration connectTimeout, boolean streamManagement) {

    /** The SASL mechanisms the tool speaks. */
    public static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");

    public LoadTarget {
        mechanism = mechanism.toUpperCase(Locale.ROOT);
        if (!MECHANISMS.contains(mechanism)) {
            throw new IllegalArgumentException("mechanism must be one of " + MECHANISMS + ", got " + mechanism);
        }
        if ("PLAIN".equals(mechanism) && !tls) {
            throw new IllegalArgumentException("the server offers PLAIN only over TLS");
        }
        String.format(Locale.ROOT, userPattern, 0); // fails early on a pattern without one integer
        sourceAddresses = List.copyOf(sourceAddresses);
    }

    /** A target on the given host and port with the defaults for everything else but TLS. */
    public static LoadTarget of(String host, int port, String domain, boolean tls) {
        return new LoadTarget(host, port, domain, tls, "SCRAM-SHA-256", "load%d", "load-password",
                List.of(), Duration.ofSeconds(10), false);
    }

    public LoadTarget withUsers(String pattern, String pass) {
        return new LoadTarget(host, port, domain, tls, mechanism, pattern, pass, sourceAddresses, connectTimeout,
                streamManagement);
    }

    public LoadTarget withMechanism(String name) {
        return new LoadTarget(host, port, domain, tls, name, userPattern, password, sourceAddresses, connectTimeout,
                streamManagement);
    }

    public LoadTarget withStreamManagement(boolean on) {
        return new LoadTarget(host, port, domain, tls, mechanism, userPattern, password, sourceAddresses, connectTimeout, on);
    }

    /** The account name of the client with this index. */
    public String username(int index) {
        return String.format(Locale.ROOT, userPattern, index);
    }
}
