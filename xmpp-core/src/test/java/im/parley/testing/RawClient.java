package im.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLSocket;

/**
 * A client on a bare socket that sends exactly the bytes a test gives it and reads what the
 * server answers as text: for malformed, hostile or out-of-order input.
 */
public final class RawClient implements AutoCloseable {
    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final StringBuilder received = new StringBuilder();
    private boolean eof;
    private final char[] buffer = new char[8192];
    /** Decodes across reads, so a character split between two reads is not garbled. */
    private java.io.Reader reader;

    public RawClient(String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        this.socket = new Socket(host, port);
        this.in = socket.getInputStream();
        this.reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8);
        this.out = socket.getOutputStream();
    }

    /** A client that starts with TLS (direct TLS port). */
    public static RawClient directTls(String host, int port, String sni) throws IOException {
        RawClient client = new RawClient(host, port);
        client.upgrade(sni);
        return client;
    }

    public RawClient send(String xml) throws IOException {
        return send(xml.getBytes(StandardCharsets.UTF_8));
    }

    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads until one of the needles appears; returns the text up to and including it. */
    public String readUntilAny(String... needles) throws IOException {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.multipliedBy(4).toNanos();
        while (true) {
            for (String n : needles) {
                if (received.indexOf(n) >= 0) {
                    return take(n);
                }
            }
            if (eof) {
                throw new AssertionError("connection closed before any of " + java.util.List.of(needles) + "; got: " + received);
            }
            if (!readSome(deadline)) {
                throw new AssertionError("none of " + java.util.List.of(needles) + " arrived; got: " + received);
            }
        }
    }

    /** Reads until the text seen so far contains the needle; returns that text and forgets it. */
    public String readUntil(String needle) throws IOException {
        return readUntil(needle, TestClient.TIMEOUT);
    }

    public String readUntil(String needle, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int from = 0; // only text that arrived since the last look can complete the needle
        while (received.indexOf(needle, from) < 0) {
            from = Math.max(0, received.length() - needle.length() + 1);
            if (eof) {
                throw new AssertionError("connection closed before '" + needle + "'; got: " + received);
            }
            if (!readSome(deadline)) {
                throw new AssertionError("did not receive '" + needle + "' within " + timeout.toSeconds() + " s; got: " + received);
            }
        }
        return take(needle);
    }

    /** Reads until the server closes the connection and returns everything it sent meanwhile. */
    public String readUntilClosed() throws IOException {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (!eof) {
            if (!readSome(deadline)) {
                throw new AssertionError("the server did not close the connection; got: " + received);
            }
        }
        String text = received.toString();
        received.setLength(0);
        return text;
    }

    private String take(String needle) {
        int at = received.indexOf(needle);
        String text = received.substring(0, at + needle.length());
        received.delete(0, at + needle.length());
        return text;
    }

    /**
     * Reads what arrives before the deadline into {@code received} (noting end of stream, a reset
     * counting as the server closing); returns false once the deadline has passed.
     */
    private boolean readSome(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            return false;
        }
        socket.setSoTimeout((int) Math.min(left, 100));
        try {
            int n = reader.read(buffer);
            if (n < 0) {
                eof = true;
            } else {
                received.append(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // nothing yet; the caller checks its condition and the deadline again
        } catch (IOException e) {
            eof = true;
        }
        return true;
    }

    /** Sends a stream header and reads the features. */
    public String open(String domain) throws IOException {
        send("<?xml version='1.0'?><stream:stream to='" + domain + "' version='1.0' xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>");
        return readUntil("</stream:features>");
    }

    /** Negotiates STARTTLS and opens the new stream. */
    public String startTls(String domain) throws IOException {
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        readUntil("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        upgrade(domain);
        return open(domain);
    }

    private void upgrade(String sni) throws IOException {
        upgrade(TestCertificates.clientContext(), sni);
    }

    /** Switches the connection to TLS with a context of the test's (e.g. one that presents a certificate). */
    public void upgrade(javax.net.ssl.SSLContext context, String sni) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, sni, port, true);
        // The reads before left a short poll timeout on the socket; the handshake gets the test's patience.
        ssl.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
        ssl.startHandshake();
        socket = ssl;
        in = ssl.getInputStream();
        reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8);
        out = ssl.getOutputStream();
    }

    /** PLAIN authentication; returns the server's answer ({@code <success} or {@code <failure}). */
    public String authenticatePlain(String username, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8));
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + token + "</auth>");
        String answer = readUntilAny("</failure>", "<success");
        return answer.contains("<success") ? answer + readUntil(">") : answer;
    }

    /** STARTTLS, PLAIN, stream restart and bind: returns the bound JID. */
    public String login(Account account) throws IOException {
        open(account.domain());
        startTls(account.domain());
        String answer = authenticatePlain(account.username(), account.password());
        if (!answer.contains("<success")) {
            throw new AssertionError("login failed: " + answer);
        }
        open(account.domain());
        send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        String bound = readUntil("</iq>");
        int start = bound.indexOf("<jid>") + 5;
        return bound.substring(start, bound.indexOf("</jid>"));
    }

    public boolean closed() {
        return eof;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public String toString() {
        return "RawClient[" + host + ":" + port + "]";
    }
}
