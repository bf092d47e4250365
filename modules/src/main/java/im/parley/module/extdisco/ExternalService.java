package im.parley.module.extdisco;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;
import im.parley.api.config.Secret;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** One STUN or TURN server as configured in {@code extdisco.services}. */
public record ExternalService(
        @Doc("stun, turn or turns (TURN over TLS).") Type type,
        @Doc("Host name or IP address clients connect to.") String host,
        @Doc("Port; default 3478 for stun and turn, 5349 for turns.") @Min("1") @Max("65535") Integer port,
        @Doc("udp or tcp; default udp, or tcp for turns.") Transport transport,
        @Doc("A name clients may show.") String name,
        @Doc("For turn and turns: the secret shared with the TURN server (coturn's static-auth-secret).")
        @Secret String secret,
        @Doc("For turn and turns: how long issued credentials stay valid.")
        @Default("1d") @Min("1m") Duration credentialLifetime) {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]+]?");

    /** Service types from the XEP-0215 registry that Parley announces. */
    public enum Type {
        STUN, TURN, TURNS;

        /** The name on the wire, e.g. {@code turns}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether clients need credentials from us to use it. */
        public boolean relay() {
            return this != STUN;
        }
    }

    /** The transport clients use to reach the service. */
    public enum Transport {
        UDP, TCP;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ExternalService {
        if (type == null) {
            throw new IllegalArgumentException("'type' is required: stun, turn or turns");
        }
        host = host == null ? "" : host.trim();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'host' is required, e.g. turn.example.org");
        }
        if (!(host.contains(":") ? IPV6.matcher(host).matches() : HOST_NAME.matcher(host).matches())) {
            throw new IllegalArgumentException("'host' must be a host name or IP address, got '" + host + "'");
        }
        if (port == null) {
            port = type == Type.TURNS ? 5349 : 3478;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'port' must be from 1 to 65535, got " + port);
        }
        if (transport == null) {
            transport = type == Type.TURNS ? Transport.TCP : Transport.UDP;
        }
        name = name == null || name.isBlank() ? null : name.trim();
        secret = secret == null || secret.isEmpty() ? null : secret;
        if (type.relay() && secret == null) {
            throw new IllegalArgumentException("'secret' is required for type " + type.wire()
                    + ": the shared secret of the TURN server (coturn's static-auth-secret)");
        }
        if (!type.relay() && secret != null) {
            throw new IllegalArgumentException("'secret' is only used with turn and turns, not with stun");
        }
        if (credentialLifetime == null) {
            credentialLifetime = Duration.ofDays(1);
        }
        if (credentialLifetime.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("'credential_lifetime' must be at least 1m, got " + credentialLifetime);
        }
    }

    /** Without the secret, so that logging a config never leaks it. */
    @Override
    public String toString() {
        return "ExternalService[type=" + type.wire() + ", host=" + host + ", port=" + port + ", transport="
                + transport.wire() + (name == null ? "" : ", name=" + name) + (secret == null ? "" : ", secret=***") + "]";
    }
}
