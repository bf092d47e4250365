package im.parley.module.im;

import static im.parley.module.im.ImServer.isAvailableFrom;
import static im.parley.module.im.ImServer.isUnavailableFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.time.Duration;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Presence between contacts (RFC 6121 §4), privacy of presence and last seen, invisibility (XEP-0186). */
class PresenceTest {
    private static final Duration QUIET = Duration.ofMillis(600);

    @RegisterExtension
    static final ParleyServer server = ImServer.builder().build();

    @Test
    void contactsSeeEachOtherComeAndGo() {
        TestClient romeo = server.newUser();
        Account julietAccount = server.newAccount();
        TestClient juliet = server.login(julietAccount);
        romeo.befriend(juliet);
        juliet.close();
        romeo.receives(Presence.class, p -> isUnavailableFrom(p, juliet));
        TestClient back = server.login(julietAccount);
        romeo.receives(Presence.class, p -> isAvailableFrom(p, back));
        // Her initial presence probed romeo, so she sees him without him doing anything.
        back.receives(Presence.class, p -> isAvailableFrom(p, romeo));
    }

    @Test
    void aDroppedConnectionStillTellsContacts() throws Exception {
        TestClient romeo = server.newUser();
        Account julietAccount = server.newAccount();
        // Without stream management: a client with it may resume, so its contacts are told later.
        TestClient juliet = server.login(julietAccount, b -> { }, c -> c.setUseStreamManagement(false));
        romeo.befriend(juliet);
        juliet.connection().instantShutdown(); // no unavailable presence, no closing tag
        romeo.receives(Presence.class, p -> isUnavailableFrom(p, juliet));
    }

    @Test
    void strangersLearnNothing() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        TestClient stranger = server.newUser();
        romeo.befriend(juliet);
        juliet.presence(2);
        romeo.receives(Presence.class, p -> isAvailableFrom(p, juliet));
        stranger.receivesNothing(Presence.class, p -> p.getFrom().asBareJid().equals(juliet.connection().getUser().asBareJid()), QUIET);
        // A probe from a stranger gets no presence, only "unsubscribed".
        stranger.send(StanzaBuilder.buildPresence().to(Jids.smack(juliet.account().jid())).ofType(Presence.Type.probe).build());
        stranger.receivesNothing(Presence.class, p -> p.getType() == Presence.Type.available, QUIET);
        IQ last = stranger.request(new RawIq(IQ.Type.get, juliet.account().jid().toString(), "query", "jabber:iq:last", null));
        assertEquals(StanzaError.Condition.forbidden, last.getError().getCondition());
    }

    @Test
    void lastSeenIsToldToContacts() throws Exception {
        TestClient romeo = server.newUser();
        Account julietAccount = server.newAccount();
        TestClient juliet = server.login(julietAccount);
        romeo.befriend(juliet);
        juliet.send(StanzaBuilder.buildPresence().ofType(Presence.Type.unavailable).setStatus("gone to Mantua").build());
        romeo.receives(Presence.class, p -> isUnavailableFrom(p, juliet) && "gone to Mantua".equals(p.getStatus()));
        juliet.close();
        IQ last = romeo.request(new RawIq(IQ.Type.get, julietAccount.jid().toString(), "query", "jabber:iq:last", null));
        assertEquals(IQ.Type.result, last.getType(), last.toXML().toString());
        assertEquals("gone to Mantua", ((org.jivesoftware.smackx.iqlast.packet.LastActivity) last).getStatusMessage());
        IQ uptime = romeo.request(new RawIq(IQ.Type.get, "localhost", "query", "jabber:iq:last", null));
        assertEquals(IQ.Type.result, uptime.getType());
    }

    @Test
    void directedPresenceReachesItsAddresseeAndIsWithdrawnAtLogout() {
        TestClient romeo = server.newUser();
        TestClient friar = server.newUser();
        romeo.send(StanzaBuilder.buildPresence().to(friar.jid()).setStatus("confession").build());
        friar.receives(Presence.class, p -> isAvailableFrom(p, romeo));
        romeo.close();
        friar.receives(Presence.class, p -> isUnavailableFrom(p, romeo));
    }

    @Test
    void twoResourcesSeeEachOther() {
        Account juliet = server.newAccount();
        TestClient phone = server.login(juliet, "phone");
        TestClient laptop = server.login(juliet, "laptop");
        laptop.receives(Presence.class, p -> isAvailableFrom(p, phone));
        phone.presence(4);
        laptop.receives(Presence.class, p -> isAvailableFrom(p, phone) && p.getPriority() == 4);
        laptop.close();
        phone.receives(Presence.class, p -> isUnavailableFrom(p, laptop));
    }

    @Test
    void anInvisibleUserLooksOfflineButStillGetsMessages() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.befriend(juliet);
        IQ invisible = juliet.request(new RawIq(IQ.Type.set, null, "invisible", "urn:xmpp:invisible:0", null));
        assertEquals(IQ.Type.result, invisible.getType());
        romeo.receives(Presence.class, p -> isUnavailableFrom(p, juliet));
        juliet.presence(1);
        romeo.receivesNothing(Presence.class, p -> isAvailableFrom(p, juliet), QUIET);
        romeo.sendChat(juliet.address(), "are you there?");
        juliet.receivesMessage(m -> "are you there?".equals(m.getBody()));
        juliet.request(new RawIq(IQ.Type.set, null, "visible", "urn:xmpp:invisible:0", null));
        romeo.receives(Presence.class, p -> isAvailableFrom(p, juliet));
    }

    @Test
    void subscribingToOneselfIsNotAllowed() throws Exception {
        Account account = server.newAccount();
        try (RawClient raw = server.raw()) {
            raw.login(account);
            raw.send("<presence type='subscribe' to='" + account.jid() + "'/>");
            String answer = raw.readUntil("</presence>");
            assertTrue(answer.contains("type=\"error\"") && answer.contains("<not-allowed"), answer);
        }
    }
}
