package im.parley.module.im;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import im.parley.testing.Account;
import im.parley.testing.Await;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;

/** The subscription handshake and its states (RFC 6121 §3), seen through clients' rosters. */
class SubscriptionTest {
    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    static final ParleyServer server = ImServer.builder().build();

    private static RosterEntry entry(TestClient owner, TestClient contact) {
        return Roster.getInstanceFor(owner.connection()).getEntry((BareJid) Jids.smack(contact.account().jid()));
    }

    private static void awaitEntry(TestClient owner, TestClient contact, RosterPacket.ItemType type, boolean pending) {
        Await.until(owner.account() + "'s roster shows " + contact.account() + " as " + type + " pending=" + pending, () -> {
            RosterEntry e = entry(owner, contact);
            return e != null && e.getType() == type && e.isSubscriptionPending() == pending;
        });
    }

    @Test
    void theFullHandshakeEndsInBoth() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.subscription(juliet.account().jid(), Presence.Type.subscribe);
        Presence request = juliet.receives(Presence.class, p -> p.getType() == Presence.Type.subscribe);
        assertEquals(romeo.connection().getUser().asBareJid(), request.getFrom(), "stamped with the bare JID");
        awaitEntry(romeo, juliet, RosterPacket.ItemType.none, true);
        juliet.subscription(romeo.account().jid(), Presence.Type.subscribed);
        awaitEntry(romeo, juliet, RosterPacket.ItemType.to, false);
        awaitEntry(juliet, romeo, RosterPacket.ItemType.from, false);
        // Juliet's approval also shows romeo her current presence (RFC 6121 §3.1.5).
        romeo.receives(Presence.class, p -> ImServer.isAvailableFrom(p, juliet));
        juliet.subscription(romeo.account().jid(), Presence.Type.subscribe);
        romeo.receives(Presence.class, p -> p.getType() == Presence.Type.subscribe);
        romeo.subscription(juliet.account().jid(), Presence.Type.subscribed);
        awaitEntry(romeo, juliet, RosterPacket.ItemType.both, false);
        awaitEntry(juliet, romeo, RosterPacket.ItemType.both, false);
    }

    @Test
    void aRequestToAnOfflineUserIsDeliveredWhenTheyLogIn() throws Exception {
        TestClient romeo = server.newUser();
        Account juliet = server.newAccount();
        romeo.subscription(juliet.jid(), Presence.Type.subscribe);
        romeo.sync();
        TestClient julietOnline = server.login(juliet);
        Presence request = julietOnline.receives(Presence.class, p -> p.getType() == Presence.Type.subscribe);
        assertEquals(romeo.connection().getUser().asBareJid(), request.getFrom());
    }

    @Test
    void aPreApprovedRequestIsAcceptedAtOnce() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        juliet.subscription(romeo.account().jid(), Presence.Type.subscribed);
        juliet.sync();
        Await.until("juliet's roster shows the pre-approval", () -> entry(juliet, romeo) != null && entry(juliet, romeo).isApproved());
        romeo.subscription(juliet.account().jid(), Presence.Type.subscribe);
        romeo.receives(Presence.class, p -> p.getType() == Presence.Type.subscribed);
        juliet.receivesNothing(Presence.class, p -> p.getType() == Presence.Type.subscribe, QUIET);
        awaitEntry(romeo, juliet, RosterPacket.ItemType.to, false);
    }

    @Test
    void unsubscribedCancelsAndTheContactSeesUnavailable() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.befriend(juliet);
        juliet.subscription(romeo.account().jid(), Presence.Type.unsubscribed);
        romeo.receives(Presence.class, p -> ImServer.isUnavailableFrom(p, juliet));
        awaitEntry(romeo, juliet, RosterPacket.ItemType.from, false);
        awaitEntry(juliet, romeo, RosterPacket.ItemType.to, false);
        // Romeo in turn stops juliet seeing him: nobody sees anybody any more.
        romeo.subscription(juliet.account().jid(), Presence.Type.unsubscribed);
        juliet.receives(Presence.class, p -> ImServer.isUnavailableFrom(p, romeo));
        awaitEntry(juliet, romeo, RosterPacket.ItemType.none, false);
        awaitEntry(romeo, juliet, RosterPacket.ItemType.none, false);
    }

    @Test
    void removingAContactCancelsBothWays() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.befriend(juliet);
        Roster.getInstanceFor(romeo.connection()).removeEntry(entry(romeo, juliet));
        juliet.receives(Presence.class, p -> ImServer.isUnavailableFrom(p, romeo));
        Await.until("juliet's entry for romeo is none", () -> entry(juliet, romeo).getType() == RosterPacket.ItemType.none);
        Await.until("romeo's roster no longer has juliet", () -> entry(romeo, juliet) == null);
        // Without a subscription, romeo's presence no longer reaches juliet.
        romeo.presence(3);
        juliet.receivesNothing(Presence.class, p -> ImServer.isAvailableFrom(p, romeo), QUIET);
    }

    @Test
    void approvalWithoutRequestAndStrayAnswersChangeNothingForTheContact() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        // Juliet never asked: romeo's 'subscribed' is a pre-approval and is not delivered.
        romeo.subscription(juliet.account().jid(), Presence.Type.subscribed);
        juliet.receivesNothing(Presence.class, p -> p.getType() == Presence.Type.subscribed, QUIET);
        assertFalse(Roster.getInstanceFor(juliet.connection()).contains((BareJid) Jids.smack(romeo.account().jid())));
    }
}
