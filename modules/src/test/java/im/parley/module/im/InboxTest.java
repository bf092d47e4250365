package im.parley.module.im;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.inbox.InboxModule;
import im.parley.module.mam.MamModule;
import im.parley.module.stanzaid.StanzaIdModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The inbox (XEP-0430) as a client reads it: conversations newest first with their last message
 * and unread counts, which the user's own messages and displayed markers reset.
 */
class InboxTest {

    @RegisterExtension
    static final ParleyServer server = ImServer.builder(new StanzaIdModule(), new MamModule(), new InboxModule())
            .yaml("c2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: 0\ninbox:\n  max_page_size: 20").build();

    /** One inbox entry as the client got it. */
    private record Entry(String jid, int unread, String lastBody) {
    }

    private record Inbox(List<Entry> entries, IQ result) {
        /** The result's text; Smack keeps the unknown payload escaped, so it is unescaped here. */
        String fin() {
            return result.toXML().toString().replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&");
        }
    }

    private static Inbox inbox(TestClient client, String attributes, String rsm) {
        RawIq request = new RawIq(IQ.Type.get, null, "inbox", "urn:xmpp:inbox:1", rsm);
        if (attributes != null) {
            String[] pair = attributes.split("=", 2);
            request.attribute(pair[0], pair[1]);
        }
        IQ result = client.request(request);
        List<Entry> entries = new ArrayList<>();
        // The entries came before the result, in order.
        for (Message m : client.alreadyReceived(Message.class, msg -> msg.getExtensionElement("entry", "urn:xmpp:inbox:1") != null)) {
            StandardExtensionElement e = (StandardExtensionElement) m.getExtensionElement("entry", "urn:xmpp:inbox:1");
            String xml = m.toXML().toString();
            int body = xml.indexOf("<body>");
            entries.add(new Entry(e.getAttributeValue("jid"), Integer.parseInt(e.getAttributeValue("unread")),
                    body < 0 ? null : xml.substring(body + 6, xml.indexOf("</body>", body))));
        }
        return new Inbox(entries, result);
    }

    /** The inbox once it shows what is expected: it is written just after the messages, off their path. */
    private static Inbox settled(TestClient client, String attributes, String rsm, java.util.function.Predicate<Inbox> expected) {
        Inbox[] last = new Inbox[1];
        im.parley.testing.Await.until("the inbox caught up", () -> expected.test(last[0] = inbox(client, attributes, rsm)));
        return last[0];
    }

    @Test
    void conversationsComeNewestFirstWithUnreadCountsAndLastMessages() {
        TestClient juliet = server.newUser();
        TestClient romeo = server.newUser();
        TestClient nurse = server.newUser();
        romeo.sendChat(juliet.address(), "first from romeo");
        romeo.sendChat(juliet.address(), "second from romeo");
        juliet.receivesMessage(m -> "second from romeo".equals(m.getBody()));
        nurse.sendChat(juliet.address(), "from the nurse");
        juliet.receivesMessage(m -> "from the nurse".equals(m.getBody()));
        juliet.sendChat(nurse.address(), "coming");
        nurse.receivesMessage(m -> "coming".equals(m.getBody()));

        List<Entry> expected = List.of(new Entry(nurse.address().toBareJID(), 0, "coming"),
                new Entry(romeo.address().toBareJID(), 2, "second from romeo"));
        Inbox inbox = settled(juliet, null, null, i -> i.entries().equals(expected));
        assertEquals(expected, inbox.entries());
        assertTrue(inbox.fin().contains("total='2' unread='1' all-unread='2'"), "totals: " + inbox.fin());

        // Reading Romeo's messages (a displayed marker) clears them; a receipt changes nothing.
        juliet.send(StanzaBuilder.buildMessage().to(romeo.jid()).ofType(Message.Type.chat)
                .addExtension(new org.jivesoftware.smackx.receipts.DeliveryReceipt("x")).build());
        juliet.send(StanzaBuilder.buildMessage().to(romeo.jid()).ofType(Message.Type.chat)
                .addExtension(StandardExtensionElement.builder("displayed", "urn:xmpp:chat-markers:0").addAttribute("id", "x").build())
                .build());
        juliet.sync();
        List<Entry> read = List.of(new Entry(nurse.address().toBareJID(), 0, "coming"),
                new Entry(romeo.address().toBareJID(), 0, "second from romeo"));
        assertEquals(read, settled(juliet, null, null, i -> i.entries().equals(read)).entries());
        // And Romeo's inbox has his side.
        List<Entry> his = List.of(new Entry(juliet.address().toBareJID(), 0, "second from romeo"));
        assertEquals(his, settled(romeo, null, null, i -> i.entries().equals(his)).entries());
    }

    @Test
    void pagesUnreadOnlyAndWithoutMessages() {
        TestClient owner = server.newUser();
        List<TestClient> friends = List.of(server.newUser(), server.newUser(), server.newUser());
        for (TestClient f : friends) {
            f.sendChat(owner.address(), "hello from " + f.address().getNode());
            owner.receivesMessage(m -> m.getBody() != null && m.getBody().endsWith(f.address().getNode()));
        }
        owner.sendChat(friends.get(0).address(), "answered");
        owner.sync();
        settled(owner, null, null, i -> i.entries().size() == 3 && "answered".equals(i.entries().get(0).lastBody()));

        Inbox first = inbox(owner, null, "<set xmlns='http://jabber.org/protocol/rsm'><max>2</max></set>");
        assertEquals(List.of(friends.get(0).address().toBareJID(), friends.get(2).address().toBareJID()),
                first.entries().stream().map(Entry::jid).toList());
        Inbox second = inbox(owner, null, "<set xmlns='http://jabber.org/protocol/rsm'><max>2</max><after>"
                + friends.get(2).address().toBareJID() + "</after></set>");
        assertEquals(List.of(friends.get(1).address().toBareJID()), second.entries().stream().map(Entry::jid).toList());

        Inbox unread = inbox(owner, "unread-only=true", null);
        assertEquals(List.of(friends.get(2).address().toBareJID(), friends.get(1).address().toBareJID()),
                unread.entries().stream().map(Entry::jid).toList());
        Inbox bare = inbox(owner, "messages=false", null);
        assertEquals(3, bare.entries().size());
        assertTrue(bare.entries().stream().allMatch(e -> e.lastBody() == null), "no last messages: " + bare.entries());
    }

    @Test
    void badRequestsGetTheirErrors() {
        TestClient owner = server.newUser();
        IQ tooMany = inbox(owner, null, "<set xmlns='http://jabber.org/protocol/rsm'><max>21</max></set>").result();
        assertEquals(StanzaError.Condition.policy_violation, tooMany.getError().getCondition());
        IQ unknown = inbox(owner, null, "<set xmlns='http://jabber.org/protocol/rsm'><after>nobody@localhost</after></set>").result();
        assertEquals(StanzaError.Condition.item_not_found, unknown.getError().getCondition());
        IQ badFlag = inbox(owner, "unread-only=maybe", null).result();
        assertEquals(StanzaError.Condition.bad_request, badFlag.getError().getCondition());
        assertFalse(inbox(owner, null, null).fin().contains("<first>"), "an empty inbox, and the session carries on");
    }
}
