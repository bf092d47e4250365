package im.parley.testing;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.filter.StanzaIdFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.EntityFullJid;
import org.xmpp.packet.JID;

/** A logged-in Smack client that tests talk through: {@code romeo.send(msg); juliet.receivesMessage(...)}. */
public final class TestClient implements AutoCloseable {
    /** How long a test waits for something that should arrive. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    static {
        SASLAuthentication.registerSASLMechanism(new SmackScramSha256());
        SASLAuthentication.registerSASLMechanism(new SmackScramSha256.Plus());
        SASLAuthentication.registerSASLMechanism(new SmackScramSha256.Sha1Plus());
        SASLAuthentication.unBlacklistSASLMechanism("SCRAM-SHA-1-PLUS");
        // Tests answer subscription requests themselves; Smack must not accept or reject them on its own.
        org.jivesoftware.smack.roster.Roster.setDefaultSubscriptionMode(org.jivesoftware.smack.roster.Roster.SubscriptionMode.manual);
    }

    private final XMPPTCPConnection connection;
    private final Account account;
    private final BlockingQueue<Stanza> inbox = new LinkedBlockingQueue<>();

    private TestClient(XMPPTCPConnection connection, Account account) {
        this.connection = connection;
        this.account = account;
        StanzaFilter everything = s -> s instanceof Message || s instanceof Presence
                || (s instanceof IQ iq && (iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set));
        connection.addStanzaListener(inbox::add, everything);
    }

    /** The configuration tests start from: STARTTLS required, the test certificate trusted. */
    public static XMPPTCPConnectionConfiguration.Builder configuration(ParleyServer server, Account account) {
        try {
            return XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(account.domain())
                    .setHostAddress(InetAddress.getLoopbackAddress())
                    .setPort(server.port())
                    .setUsernameAndPassword(account.username(), account.password())
                    .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                    .setCustomX509TrustManager(TestCertificates.trustManager())
                    .setConnectTimeout((int) TIMEOUT.toMillis());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Logs in to another server (a Prosody in federation tests) with a configuration of the
     * test's; the caller closes the client.
     */
    public static TestClient connect(XMPPTCPConnectionConfiguration configuration, Account account) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(configuration);
        connection.setReplyTimeout(TIMEOUT.toMillis());
        TestClient client = new TestClient(connection, account);
        try {
            connection.connect().login();
        } catch (Exception e) {
            connection.disconnect();
            throw e;
        }
        client.sync();
        return client;
    }

    static TestClient connect(ParleyServer server, Account account,
                              Consumer<XMPPTCPConnectionConfiguration.Builder> adjust,
                              Consumer<XMPPTCPConnection> prepare) throws Exception {
        XMPPTCPConnectionConfiguration.Builder builder = configuration(server, account);
        adjust.accept(builder);
        XMPPTCPConnection connection = new XMPPTCPConnection(builder.build());
        prepare.accept(connection);
        connection.setReplyTimeout(TIMEOUT.toMillis());
        TestClient client = new TestClient(connection, account);
        try {
            connection.connect().login();
        } catch (Exception e) {
            connection.disconnect();
            throw e;
        }
        // Smack sends initial presence after login without waiting; make sure the server has it
        // before the test goes on, or a message to the bare JID could find no available resource.
        client.sync();
        return client;
    }

    public XMPPTCPConnection connection() {
        return connection;
    }

    public Account account() {
        return account;
    }

    /** The bound full JID, as the server's Tinder type. */
    public JID address() {
        return new JID(connection.getUser().toString());
    }

    public EntityFullJid jid() {
        return connection.getUser();
    }

    public void send(Stanza stanza) {
        try {
            connection.sendStanza(stanza);
        } catch (Exception e) {
            throw new IllegalStateException("send failed: " + e, e);
        }
    }

    /** Sends a chat message with a body to an address. */
    public void sendChat(JID to, String body) {
        send(org.jivesoftware.smack.packet.StanzaBuilder.buildMessage().to(Jids.smack(to)).ofType(Message.Type.chat).setBody(body).build());
    }

    /** Waits for the next stanza of a type that matches; others received meanwhile are skipped. */
    public <S extends Stanza> S receives(Class<S> type, Predicate<S> matching) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Stanza s = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                if (s == null) {
                    throw new AssertionError(account + " did not receive the expected " + type.getSimpleName()
                            + " within " + TIMEOUT.toSeconds() + " s");
                }
                if (type.isInstance(s) && matching.test(type.cast(s))) {
                    return type.cast(s);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /**
     * The stanzas of a type that match among those already received, without waiting (for those
     * that arrive before an answer the test has waited for); others received meanwhile are skipped.
     */
    public <S extends Stanza> java.util.List<S> alreadyReceived(Class<S> type, Predicate<S> matching) {
        java.util.List<S> found = new java.util.ArrayList<>();
        Stanza s;
        while ((s = inbox.poll()) != null) {
            if (type.isInstance(s) && matching.test(type.cast(s))) {
                found.add(type.cast(s));
            }
        }
        return found;
    }

    public Message receivesMessage(Predicate<Message> matching) {
        return receives(Message.class, matching);
    }

    /** Asserts that no stanza of the type matching arrives within the duration. */
    public <S extends Stanza> void receivesNothing(Class<S> type, Predicate<S> matching, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                Stanza s = inbox.poll(left, TimeUnit.NANOSECONDS);
                if (s != null && type.isInstance(s) && matching.test(type.cast(s))) {
                    assertNull(s, account + " received what it should not: " + s.toXML());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends an IQ request and returns the answer, result or error. */
    public IQ request(IQ request) {
        try (StanzaCollector collector = connection.createStanzaCollectorAndSend(new StanzaIdFilter(request.getStanzaId()), request)) {
            IQ answer = collector.nextResult(TIMEOUT.toMillis());
            if (answer == null) {
                throw new AssertionError("no answer to IQ " + request.toXML() + " within " + TIMEOUT.toSeconds() + " s");
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the server has processed everything this client sent so far: the server
     * handles one client's stanzas in order, so the answer to a ping comes after all of them.
     */
    public void sync() {
        request(new RawIq(IQ.Type.get, account.domain(), "ping", "urn:xmpp:ping", null));
    }

    /** Sends available presence with a priority and waits until the server has it. */
    public void presence(int priority) {
        send(org.jivesoftware.smack.packet.StanzaBuilder.buildPresence().setPriority(priority).build());
        sync();
    }

    /** Sends a subscription presence ({@code subscribe}, {@code subscribed}, ...) to a bare address. */
    public void subscription(JID to, Presence.Type type) {
        send(org.jivesoftware.smack.packet.StanzaBuilder.buildPresence().to(Jids.smack(to.toBareJID())).ofType(type).build());
    }

    /**
     * Makes this user and another see each other's presence through the full RFC 6121
     * handshake, both ways, each step confirmed by what the other side receives.
     */
    public void befriend(TestClient other) {
        JID mine = account.jid();
        JID theirs = other.account().jid();
        subscription(theirs, Presence.Type.subscribe);
        other.receives(Presence.class, p -> p.getType() == Presence.Type.subscribe);
        other.subscription(mine, Presence.Type.subscribed);
        receives(Presence.class, p -> p.getType() == Presence.Type.subscribed);
        other.subscription(mine, Presence.Type.subscribe);
        receives(Presence.class, p -> p.getType() == Presence.Type.subscribe);
        subscription(theirs, Presence.Type.subscribed);
        other.receives(Presence.class, p -> p.getType() == Presence.Type.subscribed);
        sync();
        other.sync();
    }

    public boolean isConnected() {
        return connection.isConnected();
    }

    @Override
    public void close() {
        if (connection.isConnected()) {
            connection.disconnect();
        }
    }
}
