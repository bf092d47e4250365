package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One address opening 1,000 connections gets policy-violation; other addresses are served meanwhile. */
class ConnectionLimitsTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().yaml("c2s:\n  address: 0.0.0.0\n  port: 0\n  direct_tls_port: 0\n"
            + "  max_connections_per_ip: 20\n  new_connections_per_second_per_ip: 1000\n  new_connections_per_second: 5000").build();

    @Test
    void aThousandConnectionsFromOneAddress() throws Exception {
        List<Socket> flood = new ArrayList<>();
        int refused = 0;
        try {
            for (int i = 0; i < 1000; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress("127.0.0.2", 0));
                s.connect(new InetSocketAddress("127.0.0.1", server.port()));
                flood.add(s);
            }
            for (Socket s : flood) {
                s.setSoTimeout(200);
                String got = readSome(s);
                if (got.contains("<policy-violation")) {
                    refused++;
                    assertTrue(got.contains("too many connections from your address"), got);
                }
            }
            assertEquals(980, refused, "all but the allowed 20 are refused with policy-violation");
            // Another address is served while the flood holds its 20 connections.
            TestClient a = server.newUser();
            TestClient b = server.newUser();
            a.sendChat(b.address(), "unaffected");
            b.receivesMessage(m -> "unaffected".equals(m.getBody()));
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
    }

    private static String readSome(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (java.net.SocketTimeoutException e) {
            // an accepted connection just waits for our stream header
        }
        return sb.toString();
    }
}
