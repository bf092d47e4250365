package im.parley.module;

import static im.parley.module.BlockingCommandTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.blocking.BlockingModule;
import im.parley.module.disco.DiscoModule;
import im.parley.module.ping.PingModule;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.blocking.element.BlockedErrorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;

/** What a block does to stanzas (XEP-0191 §3.3), in both directions, told as conversations. */
class BlockingEnforcementTest {
    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new PingModule(), new BlockingModule(),
            new im.parley.module.roster.RosterModule(), new im.parley.module.presence.PresenceModule()).build();

    @Test
    void blockedUsersMessageDoesNotArriveAndTheSenderGetsServiceUnavailable() throws Exception {
        TestClient bob = server.newUser();
        TestClient alice = server.newUser();
        block(bob, alice.account().jid());

        alice.sendChat(bob.account().jid(), "let me in");

        Message error = alice.receivesMessage(m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.service_unavailable, error.getError().getCondition());
        assertEquals(Jids.smack(bob.account().jid()), error.getFrom());
        bob.receivesNothing(Message.class, m -> true, QUIET);
    }

    @Test
    void blockingOneResourceLeavesTheOthersThrough() throws Exception {
        TestClient bob = server.newUser();
        TestClient aliceHome = server.login(server.newAccount(), "home");
        TestClient aliceWork = server.login(aliceHome.account(), "work");
        block(bob, aliceHome.address());

        aliceHome.sendChat(bob.account().jid(), "from home");
        aliceWork.sendChat(bob.account().jid(), "from work");

        assertEquals("from work", bob.receivesMessage(m -> true).getBody());
        bob.receivesNothing(Message.class, m -> true, QUIET);
    }

    @Test
    void messageToABlockedUserIsRefusedWithNotAcceptableAndBlocked() throws Exception {
        TestClient bob = server.newUser();
        TestClient alice = server.newUser();
        block(bob, alice.account().jid());

        bob.sendChat(alice.address(), "psst");

        Message error = bob.receivesMessage(m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.not_acceptable, error.getError().getCondition());
        assertTrue(BlockedErrorExtension.isInside(error), error.toXML().toString());
        assertEquals("psst", error.getBody(), "the error carries the refused message back");
        alice.receivesNothing(Message.class, m -> true, QUIET);
    }

    @Test
    void blockedUsersDirectedPresenceDoesNotReachTheBlocker() throws Exception {
        TestClient bob = server.newUser();
        TestClient alice = server.newUser();
        TestClient carol = server.newUser();
        block(bob, alice.account().jid());

        alice.send(StanzaBuilder.buildPresence().to(bob.jid()).build());
        alice.sync();
        carol.send(StanzaBuilder.buildPresence().to(bob.jid()).build());

        receivesPresence(bob, carol, alice);
        // XEP-0191 §3.3: presence from a blocked entity is dropped without an error.
        alice.receivesNothing(Presence.class, p -> p.getType() == Presence.Type.error, QUIET);
    }

    @Test
    void blockersDirectedPresenceIsNotDeliveredToTheBlockedUser() throws Exception {
        TestClient bob = server.newUser();
        TestClient alice = server.newUser();
        block(bob, alice.account().jid());

        bob.send(StanzaBuilder.buildPresence().to(alice.jid()).build());

        Presence error = bob.receives(Presence.class, p -> p.getType() == Presence.Type.error);
        assertEquals(StanzaError.Condition.not_acceptable, error.getError().getCondition());
        alice.receivesNothing(Presence.class, p -> p.getFrom().equals(bob.jid()), QUIET);
    }

    @Test
    void blockingTakesBackDirectedPresenceWithUnavailableButTellsNoOneElse() throws Exception {
        TestClient bob = server.newUser();
        TestClient alice = server.newUser();
        TestClient carol = server.newUser();
        bob.send(StanzaBuilder.buildPresence().to(alice.jid()).build());
        alice.receives(Presence.class, p -> p.getFrom().equals(bob.jid()) && p.isAvailable());

        BlockingCommandManager.getInstanceFor(bob.connection())
                .blockContacts(List.of(Jids.smack(alice.account().jid()), Jids.smack(carol.account().jid())));

        alice.receives(Presence.class, p -> p.getFrom().equals(bob.jid()) && p.getType() == Presence.Type.unavailable);
        // Carol never had Bob's presence: telling her he went away would tell her his resource.
        carol.receivesNothing(Presence.class, p -> p.getFrom().asBareJid().equals(bob.jid().asBareJid()), QUIET);
    }

    @Test
    void presenceTheServerSendsForAUserCrossesABlockInNeitherDirection() throws Exception {
        TestClient bob = server.newUser();
        TestClient alice = server.newUser();
        TestClient carol = server.newUser();
        block(bob, alice.account().jid());

        // What a presence module broadcasting for its users routes: it passes no INBOUND interceptor.
        // Routed one after the other from this thread, so they arrive in this order.
        route(alice, bob);
        route(bob, alice);
        route(carol, bob);
        route(carol, alice);
        route(bob, carol);
        route(alice, carol);

        receivesPresence(bob, carol, alice);
        receivesPresence(alice, carol, bob);
        receivesPresence(carol, bob, null);
        receivesPresence(carol, alice, null);
    }

    @Test
    void iqFromABlockedUserGetsServiceUnavailableWhetherForTheClientOrTheAccount() throws Exception {
        TestClient bob = server.newUser();
        TestClient alice = server.newUser();
        block(bob, alice.account().jid());

        assertError(StanzaError.Condition.service_unavailable, alice.request(ping(bob.address())));
        assertError(StanzaError.Condition.service_unavailable, alice.request(ping(bob.account().jid())));
        bob.receivesNothing(IQ.class, iq -> true, QUIET);
        // The blocker's own server still answers the blocker.
        assertEquals(IQ.Type.result, bob.request(new RawIq(IQ.Type.get, server.domain(), "ping", PingModule.NS, null)).getType());
    }

    @Test
    void blockingADomainBlocksEveryoneThere() throws Exception {
        TestClient bob = server.newUser();
        TestClient carol = server.login(server.newAccount("example.test"));
        TestClient dave = server.login(server.newAccount("example.test"));
        TestClient alice = server.newUser();
        block(bob, new JID("example.test"));

        carol.sendChat(bob.account().jid(), "hi from example.test");
        dave.sendChat(bob.account().jid(), "me too");
        alice.sendChat(bob.account().jid(), "hi from localhost");

        assertEquals(StanzaError.Condition.service_unavailable,
                carol.receivesMessage(m -> m.getType() == Message.Type.error).getError().getCondition());
        assertEquals(StanzaError.Condition.service_unavailable,
                dave.receivesMessage(m -> m.getType() == Message.Type.error).getError().getCondition());
        assertEquals("hi from localhost", bob.receivesMessage(m -> true).getBody());
        bob.receivesNothing(Message.class, m -> true, QUIET);
    }

    @Test
    void unblockingLetsMessagesThroughAgain() throws Exception {
        TestClient bob = server.newUser();
        TestClient alice = server.newUser();
        block(bob, alice.account().jid());
        BlockingCommandManager.getInstanceFor(bob.connection()).unblockContacts(List.of(Jids.smack(alice.account().jid())));

        alice.sendChat(bob.account().jid(), "friends again?");
        bob.sendChat(alice.account().jid(), "friends again.");

        assertEquals("friends again?", bob.receivesMessage(m -> true).getBody());
        assertEquals("friends again.", alice.receivesMessage(m -> true).getBody());
    }

    @Test
    void blockingYourOwnServerDoesNotCutYouOffFromIt() throws Exception {
        TestClient bob = server.newUser();
        block(bob, new JID(server.domain()));
        bob.sync();
        assertTrue(BlockingCommandManager.getInstanceFor(bob.connection()).isSupportedByServer());
    }

    /** Waits for available presence from {@code expected}, failing if one from {@code never} arrives first. */
    private static void receivesPresence(TestClient client, TestClient expected, TestClient never) {
        client.receives(Presence.class, p -> {
            assertTrue(never == null || !never.jid().equals(p.getFrom()), client.jid() + " got " + p.toXML());
            return expected.jid().equals(p.getFrom());
        });
    }

    /** Routes available presence as the server, not as the client, sends it. */
    private static void route(TestClient from, TestClient to) {
        org.xmpp.packet.Presence available = new org.xmpp.packet.Presence();
        available.setFrom(from.address());
        available.setTo(to.address());
        server.server().router().route(available);
    }

    private static void block(TestClient blocker, JID jid) throws Exception {
        BlockingCommandManager.getInstanceFor(blocker.connection()).blockContacts(List.of(Jids.smack(jid)));
    }

    private static IQ ping(JID to) {
        return new RawIq(IQ.Type.get, to.toString(), "ping", PingModule.NS, null);
    }
}
