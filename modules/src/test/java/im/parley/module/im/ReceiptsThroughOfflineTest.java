package im.parley.module.im;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delivery receipts (XEP-0184) and chat markers (XEP-0333) are kept for offline users like
 * messages, so a receipt reaches a sender who went offline meanwhile.
 */
class ReceiptsThroughOfflineTest {
    @RegisterExtension
    static final ParleyServer server = ImServer.builder().build();

    @Test
    void aReceiptAndAMarkerReachASenderWhoWasOffline() throws Exception {
        Account romeoAccount = server.newAccount();
        Account julietAccount = server.newAccount();
        TestClient romeo = server.login(romeoAccount);
        Message message = StanzaBuilder.buildMessage("m1").to(Jids.smack(julietAccount.jid())).ofType(Message.Type.chat)
                .setBody("do you get this?").addExtension(new DeliveryReceiptRequest()).build();
        romeo.send(message);
        romeo.sync();
        romeo.close(); // both away: the message waits for juliet

        TestClient juliet = server.login(julietAccount);
        Message got = juliet.receivesMessage(m -> "do you get this?".equals(m.getBody()));
        assertNotNull(DeliveryReceiptRequest.from(got), "the receipt request is kept with the message");
        juliet.send(StanzaBuilder.buildMessage().to(Jids.smack(romeoAccount.jid())).ofType(Message.Type.chat)
                .addExtension(new DeliveryReceipt("m1")).build());
        juliet.send(StanzaBuilder.buildMessage().to(Jids.smack(romeoAccount.jid())).ofType(Message.Type.chat)
                .addExtension(StandardExtensionElement.builder("displayed", "urn:xmpp:chat-markers:0")
                        .addAttribute("id", "m1").build()).build());
        juliet.sync();

        TestClient romeoBack = server.login(romeoAccount);
        Message receipt = romeoBack.receivesMessage(m -> DeliveryReceipt.from(m) != null);
        assertEquals("m1", DeliveryReceipt.from(receipt).getId());
        Message marker = romeoBack.receivesMessage(m -> m.hasExtension("displayed", "urn:xmpp:chat-markers:0"));
        assertNotNull(marker);
    }
}
