package im.parley.s2s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Peers that misbehave are refused with the right stream error, and nothing else is disturbed. */
class BadPeerTest {
    static final FederationModule S2S = new FederationModule(domain -> java.util.List.of());

    @RegisterExtension
    static final ParleyServer server = TwoServers.server("localhost", S2S, "  connect_timeout: 2s\n").build();

    private RawClient peer(String from) throws IOException {
        RawClient raw = new RawClient("127.0.0.1", S2S.port());
        raw.send("<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
                + " xmlns:db='jabber:server:dialback' from='" + from + "' to='localhost' version='1.0'>");
        return raw;
    }

    @Test
    void tlsComesUp() throws Exception {
        try (RawClient raw = peer("example.test")) {
            assertTrue(raw.readUntil("</stream:features>").contains("starttls"));
            raw.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            raw.readUntil("<proceed");
            raw.upgrade(javax.net.ssl.SSLContext.getDefault(), "localhost");
        }
    }
}
