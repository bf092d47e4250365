package im.parley.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An RFC 7395 client on the JDK's WebSocket: sends and reads whole XML messages as text. */
public final class WebSocketClient implements AutoCloseable {
    public static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private volatile boolean closed;

    private WebSocketClient(URI uri, String subprotocol) {
        WebSocket.Builder builder = HttpClient.newBuilder().sslContext(TestCertificates.clientContext()).build()
                .newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (subprotocol != null) {
            builder.subprotocols(subprotocol);
        }
        this.socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed = true;
                received.add("#closed " + statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed = true;
                received.add("#error " + error);
            }
        }).join();
    }

    /** Connects with the "xmpp" subprotocol. */
    public static WebSocketClient connect(URI uri) {
        return new WebSocketClient(uri, "xmpp");
    }

    public static WebSocketClient connect(URI uri, String subprotocol) {
        return new WebSocketClient(uri, subprotocol);
    }

    public WebSocketClient send(String xml) {
        socket.sendText(xml, true).join();
        return this;
    }

    /** The next message that matches, skipping others; fails after the client timeout. */
    public String next(Predicate<String> matching) {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message != null && System.getenv("WS_DEBUG") != null) { System.err.println("WS<< " + message); }
                if (message != null && matching.test(message)) {
                    return message;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no matching WebSocket message within " + TestClient.TIMEOUT.toSeconds() + " s");
    }

    public String next(String containing) {
        return next(m -> m.contains(containing));
    }

    /** Opens the stream, authenticates with PLAIN, opens again and binds: returns the bound JID. */
    public String login(Account account) {
        open(account.domain());
        next("</stream:features>");
        String token = Base64.getEncoder().encodeToString(("\0" + account.username() + "\0" + account.password())
                .getBytes(StandardCharsets.UTF_8));
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + token + "</auth>");
        next("<success");
        open(account.domain());
        next("</stream:features>");
        send("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        String bound = next("bind1");
        return bound.substring(bound.indexOf("<jid>") + 5, bound.indexOf("</jid>"));
    }

    public String open(String domain) {
        send("<open xmlns='" + FRAMING + "' to='" + domain + "' version='1.0'/>");
        return next("<open");
    }

    /** Drops the connection without a closing handshake, as a network loss would. */
    public void abort() {
        socket.abort();
        closed = true;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
    }
}
