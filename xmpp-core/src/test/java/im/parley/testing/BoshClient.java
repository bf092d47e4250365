package im.parley.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A BOSH client (XEP-0124, XEP-0206) on the JDK's HTTP client: one request at a time, bodies as text. */
public final class BoshClient {
    public static final String NS = "http://jabber.org/protocol/httpbind";
    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(TestCertificates.clientContext()).build();

    private final URI endpoint;
    private String sid;
    private long rid = 1000;
    private String jid;

    public BoshClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Posts a body and returns the answer (HTTP 200 expected). */
    public String post(String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends stanzas (or nothing: a poll) in the session's next request. */
    public String send(String payload) {
        return post("<body xmlns='" + NS + "' sid='" + sid + "' rid='" + (rid++) + "' wait='2'>" + payload + "</body>");
    }

    /** Creates a session, authenticates with PLAIN, restarts and binds: returns the full JID. */
    public String login(Account account) {
        String created = post("<body xmlns='" + NS + "' rid='" + (rid++) + "' to='" + account.domain() + "' wait='2' hold='1'"
                + " ver='1.6' xml:lang='en' xmpp:version='1.0' xmlns:xmpp='urn:xmpp:xbosh'/>");
        Matcher m = Pattern.compile("sid='([0-9a-f]+)'").matcher(created);
        if (!m.find() || !created.contains("<mechanism>PLAIN</mechanism>") || !created.contains("authid=")) {
            throw new AssertionError("no session with features: " + created);
        }
        sid = m.group(1);
        String token = Base64.getEncoder().encodeToString(("\0" + account.username() + "\0" + account.password())
                .getBytes(StandardCharsets.UTF_8));
        String auth = send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + token + "</auth>");
        if (!auth.contains("<success")) {
            throw new AssertionError("login failed: " + auth);
        }
        String restarted = post("<body xmlns='" + NS + "' sid='" + sid + "' rid='" + (rid++) + "' xmpp:restart='true'"
                + " xmlns:xmpp='urn:xmpp:xbosh' to='" + account.domain() + "'/>");
        if (!restarted.contains("urn:ietf:params:xml:ns:xmpp-bind")) {
            throw new AssertionError("no bind after the restart: " + restarted);
        }
        String bound = send("<iq xmlns='jabber:client' type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        jid = bound.substring(bound.indexOf("<jid>") + 5, bound.indexOf("</jid>"));
        return jid;
    }

    public String sid() {
        return sid;
    }

    /** The rid the next request uses. */
    public long rid() {
        return rid;
    }

    public String jid() {
        return jid;
    }
}
