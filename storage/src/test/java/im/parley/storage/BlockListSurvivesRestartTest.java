package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.blocking.BlockingModule;
import im.parley.module.ping.PingModule;
import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A block made on a server with embedded H2 still holds after the server restarts (XEP-0191 §3.3: across sessions). */
class BlockListSurvivesRestartTest {
    @RegisterExtension
    static final ParleyServer SERVER = ParleyServer.with(new PingModule(), new BlockingModule())
            .storage(TestDatabases.factory(StorageConfig.h2())).build();

    @Test
    void blockedUserIsStillBlockedAfterRestart() throws Exception {
        Account bob = SERVER.newAccount();
        Account alice = SERVER.newAccount();
        IQ block = new RawIq(IQ.Type.set, null, "block", BlockingModule.NS, "<item jid='" + alice.jid() + "'/>");
        assertEquals(IQ.Type.result, SERVER.login(bob).request(block).getType());

        SERVER.restart();

        TestClient bobAgain = SERVER.login(bob);
        IQ list = bobAgain.request(new RawIq(IQ.Type.get, null, "blocklist", BlockingModule.NS, null));
        assertTrue(list.toXML().toString().contains(alice.jid().toString()), list.toXML().toString());
        TestClient aliceAgain = SERVER.login(alice);
        aliceAgain.sendChat(bob.jid(), "remember me?");
        Message error = aliceAgain.receivesMessage(m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.service_unavailable, error.getError().getCondition());
        bobAgain.receivesNothing(Message.class, m -> true, java.time.Duration.ofMillis(500));
    }
}
