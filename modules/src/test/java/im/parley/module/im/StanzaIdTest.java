package im.parley.module.im;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import im.parley.module.stanzaid.StanzaIdModule;
import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;

/** Stanza and origin ids (XEP-0359): one stable id per message, and no message twice. */
class StanzaIdTest {
    private static final String NS = "urn:xmpp:sid:0";

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new im.parley.module.disco.DiscoModule(),
            new im.parley.module.roster.RosterModule(), new im.parley.module.presence.PresenceModule(),
            new im.parley.module.offline.OfflineModule(), new StanzaIdModule()).build();

    private static Message chat(JID to, String body, String originId) {
        StanzaBuilder<?> b = StanzaBuilder.buildMessage().to(Jids.smack(to)).ofType(Message.Type.chat).setBody(body);
        return ((org.jivesoftware.smack.packet.MessageBuilder) b).addExtension(
                StandardExtensionElement.builder("origin-id", NS).addAttribute("id", originId).build()).build();
    }

    private static List<StanzaIdElement> stanzaIds(Message m) {
        return m.getExtensions().stream()
                .filter(e -> e instanceof StanzaIdElement)
                .map(e -> (StanzaIdElement) e).toList();
    }

    @Test
    void aMessageResentWithTheSameOriginIdArrivesOnce() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.send(chat(juliet.address(), "once", "origin-1"));
        Message got = juliet.receivesMessage(m -> "once".equals(m.getBody()));
        List<StanzaIdElement> ids = stanzaIds(got);
        assertEquals(1, ids.size(), "one stanza-id, by juliet's account");
        assertEquals(juliet.address().toBareJID(), ids.get(0).getBy());
        romeo.send(chat(juliet.address(), "once", "origin-1"));
        romeo.sync();
        juliet.receivesNothing(Message.class, m -> "once".equals(m.getBody()), Duration.ofMillis(300));
    }

    @Test
    void aResendAfterReconnectingDoesNotStoreASecondCopy() throws Exception {
        Account romeoAccount = server.newAccount();
        Account julietAccount = server.newAccount();
        TestClient romeo = server.login(romeoAccount);
        romeo.send(chat(julietAccount.jid(), "stored once", "origin-2"));
        romeo.sync();
        romeo.close();
        TestClient again = server.login(romeoAccount); // the client did not see an ack and sends again
        again.send(chat(julietAccount.jid(), "stored once", "origin-2"));
        again.send(chat(julietAccount.jid(), "the next one", "origin-3"));
        again.sync();
        TestClient juliet = server.login(julietAccount);
        juliet.receivesMessage(m -> "stored once".equals(m.getBody()));
        juliet.receivesMessage(m -> "the next one".equals(m.getBody()));
        juliet.receivesNothing(Message.class, m -> "stored once".equals(m.getBody()), Duration.ofMillis(300));
    }

    @Test
    void idsClaimedInTheNameOfLocalUsersAreRemoved() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        Message spoofed = StanzaBuilder.buildMessage().to(Jids.smack(juliet.address())).ofType(Message.Type.chat)
                .setBody("spoofed").addExtension(StandardExtensionElement.builder("stanza-id", NS)
                        .addAttribute("id", "forged").addAttribute("by", juliet.address().toBareJID()).build()).build();
        romeo.send(spoofed);
        Message got = juliet.receivesMessage(m -> "spoofed".equals(m.getBody()));
        List<StanzaIdElement> ids = stanzaIds(got);
        assertEquals(1, ids.size());
        assertNotEquals("forged", ids.get(0).getId());
    }
}
