package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.offline.OfflineModule;
import im.parley.module.presence.PresenceModule;
import im.parley.module.roster.RosterModule;
import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;

/**
 * Rosters, subscription requests and offline messages outlive a restart of a server whose storage is
 * a database: real Smack clients talk before the restart and check after it. A subclass per backend
 * supplies the server, built with {@link #build}.
 */
abstract class ImSurvivesRestart {
    static {
        // Tests answer subscription requests themselves; Smack must not do it for them.
        Roster.setDefaultSubscriptionMode(Roster.SubscriptionMode.manual);
    }

    private final List<Account> accounts = new ArrayList<>();

    protected abstract ParleyServer server();

    /** The IM modules on a test server with its storage in the given database. */
    static ParleyServer build(StorageConfig config) {
        return ParleyServer.with(new RosterModule(), new PresenceModule(), new OfflineModule())
                .storage(TestDatabases.factory(config))
                .build();
    }


    /** Deleting the accounts also deletes their rosters and messages, so a kept database does not grow. */
    @AfterEach
    void deleteAccounts() throws Exception {
        for (Account a : accounts) {
            server().server().accounts().delete(a.jid());
        }
    }

    @Test
    void mutualSubscriptionIsStillBothAfterRestartAndPresenceFlows() throws Exception {
        Account alice = newAccount();
        Account bob = newAccount();
        server().login(alice).befriend(server().login(bob));

        server().restart();

        TestClient bobAgain = server().login(bob);
        assertEquals(RosterPacket.ItemType.both, entry(bobAgain, alice).getType());
        TestClient aliceAgain = server().login(alice);
        assertEquals(RosterPacket.ItemType.both, entry(aliceAgain, bob).getType());
        bobAgain.receives(Presence.class, p -> isAvailableFrom(p, aliceAgain.jid()));
        // And the other way: the server probes bob's presence for alice when she comes online.
        aliceAgain.receives(Presence.class, p -> isAvailableFrom(p, bobAgain.jid()));
    }

    @Test
    void messagesToAnOfflineUserAreDeliveredInOrderAfterRestart() throws Exception {
        TestClient alice = server().login(newAccount());
        Account carol = newAccount();
        Jid aliceJid = alice.jid();
        for (int i = 1; i <= 3; i++) {
            alice.sendChat(carol.jid(), "message " + i);
        }
        alice.sync();

        server().restart();

        TestClient online = server().login(carol);
        List<String> bodies = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Message m = online.receivesMessage(x -> x.getBody() != null && x.getBody().startsWith("message "));
            assertNotNull(m.getExtension(DelayInformation.class), "XEP-0203 delay stamp on " + m.toXML());
            assertEquals(aliceJid, m.getFrom());
            bodies.add(m.getBody());
        }
        assertEquals(List.of("message 1", "message 2", "message 3"), bodies);
    }

    @Test
    void aSubscriptionRequestToAnOfflineUserIsDeliveredAfterRestart() throws Exception {
        Account alice = newAccount();
        Account dave = newAccount();
        TestClient aliceOnline = server().login(alice);
        aliceOnline.subscription(dave.jid(), Presence.Type.subscribe);
        aliceOnline.sync();

        server().restart();

        TestClient daveOnline = server().login(dave);
        Presence request = daveOnline.receives(Presence.class, p -> p.getType() == Presence.Type.subscribe);
        assertEquals(Jids.smack(alice.jid().toBareJID()), request.getFrom());
        RosterEntry asked = entry(server().login(alice), dave);
        assertEquals(RosterPacket.ItemType.none, asked.getType());
        assertTrue(asked.isSubscriptionPending(), "alice's roster still shows her request as pending");
    }

    private Account newAccount() {
        Account account = server().newAccount();
        accounts.add(account);
        return account;
    }

    /** The owner's roster entry for a contact, as the server sends it at login. */
    private static RosterEntry entry(TestClient owner, Account contact) throws Exception {
        Roster roster = Roster.getInstanceFor(owner.connection());
        roster.reloadAndWait();
        RosterEntry entry = roster.getEntry((BareJid) Jids.smack(contact.jid()));
        assertNotNull(entry, owner.account() + " has no roster entry for " + contact);
        return entry;
    }



    private static boolean isAvailableFrom(Presence p, Jid who) {
        return p.getType() == Presence.Type.available && who.equals(p.getFrom());
    }
}
