package im.parley.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.blocking.BlockingModule;
import im.parley.module.disco.DiscoModule;
import im.parley.module.ping.PingModule;
import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.blocking.element.BlockListIQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;

/** XEP-0191 commands: the list, block, unblock, unblock all, pushes to every interested resource, and errors. */
class BlockingCommandTest {
    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new PingModule(), new BlockingModule())
            .yaml("blocking:\n  max_items: 3").build();

    @Test
    void serverAdvertisesBlockingInItsOwnDisco() throws Exception {
        TestClient alice = server.newUser();
        assertTrue(BlockingCommandManager.getInstanceFor(alice.connection()).isSupportedByServer());
    }

    @Test
    void blockUnblockAndUnblockAllArePushedToEveryResourceThatAskedForTheList() throws Exception {
        Account bob = server.newAccount();
        TestClient phone = server.login(bob, "phone");
        TestClient laptop = server.login(bob, "laptop");
        Pushes toPhone = new Pushes(phone);
        Pushes toLaptop = new Pushes(laptop);
        Pushes toWatch = new Pushes(server.login(bob, "watch"));
        Jid alice = Jids.smack(server.newAccount().jid());
        Jid carol = Jids.smack(server.newAccount().jid());
        BlockingCommandManager blocking = BlockingCommandManager.getInstanceFor(phone.connection());
        assertEquals(List.of(), blocking.getBlockList());
        assertEquals(List.of(), BlockingCommandManager.getInstanceFor(laptop.connection()).getBlockList());

        blocking.blockContacts(List.of(alice, carol));
        assertEquals(new Push("block", Set.of(alice, carol)), toLaptop.next());
        assertEquals(new Push("block", Set.of(alice, carol)), toPhone.next());
        assertEquals(Set.of(alice, carol), blockList(phone));

        blocking.unblockContacts(List.of(alice));
        assertEquals(new Push("unblock", Set.of(alice)), toLaptop.next());
        assertEquals(Set.of(carol), blockList(phone));

        blocking.unblockAll();
        assertEquals(new Push("unblock all", Set.of()), toLaptop.next());
        assertEquals(Set.of(), blockList(phone));
        // The watch never asked for the list, so it got no pushes (XEP-0191 §3.3).
        toWatch.none();
    }

    @Test
    void blockingTheSameAddressTwiceListsItOnce() {
        TestClient bob = server.newUser();
        String alice = server.newAccount().jid().toString();
        assertEquals(IQ.Type.result, bob.request(command("block", alice)).getType());
        assertEquals(IQ.Type.result, bob.request(command("block", alice)).getType());
        assertEquals(Set.of(Jids.smack(alice)), blockList(bob));
    }

    @Test
    void blockWithoutItemsIsBadRequest() {
        TestClient bob = server.newUser();
        assertError(StanzaError.Condition.bad_request, bob.request(new RawIq(IQ.Type.set, null, "block", BlockingModule.NS, null)));
    }

    @Test
    void malformedAddressIsJidMalformedAndBlocksNothing() {
        TestClient bob = server.newUser();
        String alice = server.newAccount().jid().toString();
        assertError(StanzaError.Condition.jid_malformed, bob.request(command("block", alice, "user@exa mple.org")));
        assertError(StanzaError.Condition.jid_malformed, bob.request(command("unblock", "user@exa mple.org")));
        assertEquals(Set.of(), blockList(bob));
    }

    @Test
    void listBeyondTheConfiguredMaximumIsRefusedWhole() {
        TestClient bob = server.newUser();
        assertEquals(IQ.Type.result, bob.request(command("block", "a.example", "b.example")).getType());
        assertError(StanzaError.Condition.not_acceptable, bob.request(command("block", "c.example", "d.example")));
        assertEquals(Set.of(Jids.smack("a.example"), Jids.smack("b.example")), blockList(bob));
        // Addresses already listed do not count twice.
        assertEquals(IQ.Type.result, bob.request(command("block", "a.example", "c.example")).getType());
        assertEquals(3, blockList(bob).size());
    }

    @Test
    void anotherAccountsListIsForbidden() {
        TestClient bob = server.newUser();
        TestClient mallory = server.newUser();
        String bobs = bob.account().jid().toString();
        assertError(StanzaError.Condition.forbidden, mallory.request(new RawIq(IQ.Type.get, bobs, "blocklist", BlockingModule.NS, null)));
        IQ block = command("block", mallory.account().jid().toString());
        block.setTo(Jids.smack(bobs));
        assertError(StanzaError.Condition.forbidden, mallory.request(block));
        assertEquals(Set.of(), blockList(bob));
    }

    @Test
    void ownBareJidAsAddresseeIsTheOwnList() {
        TestClient bob = server.newUser();
        IQ block = command("block", "spam.example");
        block.setTo(Jids.smack(bob.account().jid()));
        assertEquals(IQ.Type.result, bob.request(block).getType());
        assertEquals(Set.of(Jids.smack("spam.example")), blockList(bob));
    }

    @Test
    void deletedAccountsListIsGone() throws Exception {
        Account bob = server.newAccount();
        TestClient first = server.login(bob);
        assertEquals(IQ.Type.result, first.request(command("block", "spam.example")).getType());

        server.server().accounts().delete(bob.jid());
        server.server().accounts().create(bob.jid(), bob.password());

        assertEquals(Set.of(), blockList(server.login(bob)));
    }

    /** A push as a client's blocking manager reports it: "block", "unblock" or "unblock all", and the addresses. */
    record Push(String command, Set<Jid> jids) {
    }

    /** The pushes one client receives, in order. */
    static final class Pushes {
        private final BlockingQueue<Push> events = new LinkedBlockingQueue<>();

        Pushes(TestClient client) {
            BlockingCommandManager manager = BlockingCommandManager.getInstanceFor(client.connection());
            manager.addJidsBlockedListener(jids -> events.add(new Push("block", Set.copyOf(jids))));
            manager.addJidsUnblockedListener(jids -> events.add(new Push("unblock", Set.copyOf(jids))));
            manager.addAllJidsUnblockedListener(() -> events.add(new Push("unblock all", Set.of())));
        }

        Push next() throws InterruptedException {
            Push event = events.poll(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(event, "no push arrived");
            return event;
        }

        void none() throws InterruptedException {
            assertNull(events.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    static Set<Jid> blockList(TestClient client) {
        IQ answer = client.request(new BlockListIQ());
        return Set.copyOf(assertInstanceOf(BlockListIQ.class, answer, answer.toXML().toString()).getBlockedJids());
    }

    /** A block or unblock command with items, written by hand so that invalid addresses can be sent. */
    static IQ command(String element, String... jids) {
        String items = List.of(jids).stream().map(j -> "<item jid='" + j + "'/>").collect(Collectors.joining());
        return new RawIq(IQ.Type.set, null, element, BlockingModule.NS, items);
    }

    static void assertError(StanzaError.Condition condition, IQ answer) {
        assertEquals(IQ.Type.error, answer.getType(), answer.toXML().toString());
        assertEquals(condition, answer.getError().getCondition(), answer.toXML().toString());
    }
}
