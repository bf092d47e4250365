package im.parley.core.config;

import im.parley.api.config.DataSize;
import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;
import java.time.Duration;

/** The {@code c2s} section. */
@Doc("Client connections: listeners, TLS policy and the limits that protect the server.")
public record C2sConfig(
        @Doc("Address the client listeners bind to.")
        @Default("0.0.0.0") String address,
        @Doc("Port for client streams with STARTTLS (0 picks a free port).")
        @Default("5222") @Min("0") @Max("65535") int port,
        @Doc("Port for direct TLS client streams, XEP-0368 (0 picks a free port, -1 turns it off).")
        @Default("5223") @Min("-1") @Max("65535") int directTlsPort,
        @Doc("Whether clients must start TLS before authenticating.")
        @Default("true") boolean requireTls,
        @Doc("Largest stanza a client may send; larger ones end the stream with policy-violation.")
        @Default("256KiB") @Min("10000") DataSize maxStanzaSize,
        @Doc("Deepest element nesting allowed inside a stanza.")
        @Default("32") @Min("4") @Max("1000") int maxXmlDepth,
        @Doc("Open connections allowed from one IP address.")
        @Default("100") @Min("1") int maxConnectionsPerIp,
        @Doc("New connections accepted per second from one IP address (bursts of the same size are allowed).")
        @Default("20") @Min("1") int newConnectionsPerSecondPerIp,
        @Doc("New connections accepted per second in total.")
        @Default("500") @Min("1") int newConnectionsPerSecond,
        @Doc("Time a client has from connecting to binding a resource.")
        @Default("60s") @Min("1s") Duration authTimeout,
        @Doc("A stream on which the client sends nothing for this long is closed with connection-timeout.")
        @Default("6m") @Min("1s") Duration idleTimeout,
        @Doc("Bytes that may wait to be sent to one client; a client that reads slower than this is disconnected.")
        @Default("8MiB") @Min("64KiB") DataSize maxSendQueue,
        @Doc("Stanzas from one client that may wait for a worker; above it the server stops reading from that client.")
        @Default("128") @Min("4") int maxPendingStanzas,
        @Doc("How long a session with stream management (XEP-0198) waits for its client to resume after the "
                + "connection drops; then its unacknowledged messages go to the user's other devices or offline storage. "
                + "0 turns resumption off.")
        @Default("5m") @Min("0s") @Max("1h") Duration resumptionTimeout,
        @Doc("Stanzas sent to a client that it may leave unacknowledged under stream management; a client over it "
                + "is disconnected (or, when detached, its session ends and the messages go offline).")
        @Default("2000") @Min("10") int maxUnackedStanzas) {

    public C2sConfig {
        if (port != 0 && port == directTlsPort) {
            throw new IllegalArgumentException("'port' and 'direct_tls_port' must differ, both are " + port);
        }
    }
}
