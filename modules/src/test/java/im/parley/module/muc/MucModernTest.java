package im.parley.module.muc;

import static im.parley.module.muc.MucServer.instantRoom;
import static im.parley.module.muc.MucServer.join;
import static im.parley.module.muc.MucServer.newRoom;
import static im.parley.module.muc.MucServer.nick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.offline.OfflineModule;
import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;

/** Occupant ids (XEP-0421), self-ping (XEP-0410), retraction (XEP-0424), moderation (XEP-0425) and mentions of absent members. */
class MucModernTest {
    @RegisterExtension
    static final ParleyServer server = MucServer.builder(new OfflineModule()).build();

    private static String occupantId(org.jivesoftware.smack.packet.Stanza s) {
        StandardExtensionElement e = (StandardExtensionElement) s.getExtensionElement("occupant-id", "urn:xmpp:occupant-id:0");
        return e == null ? null : e.getAttributeValue("id");
    }

    private static String said(TestClient sender, MultiUserChat muc, String body) throws Exception {
        muc.sendMessage(body);
        Message echo = sender.receivesMessage(m -> body.equals(m.getBody()));
        return ((StanzaIdElement) echo.getExtensionElement(StanzaIdElement.ELEMENT, StanzaIdElement.NAMESPACE)).getId();
    }

    @Test
    void anOccupantIdIsTheSameOnEveryDeviceAndOnEveryVisit() throws Exception {
        TestClient romeo = server.newUser();
        Account juliet = server.newAccount();
        TestClient phone = server.login(juliet, "phone");
        EntityBareJid room = newRoom();
        instantRoom(romeo, room, "romeo");
        MultiUserChat phones = join(phone, room, "juliet");
        Presence first = romeo.receives(Presence.class, p -> p.getFrom().toString().equals(room + "/juliet"));
        String id = occupantId(first);
        assertNotNull(id);
        phones.sendMessage("hi");
        assertEquals(id, occupantId(romeo.receivesMessage(m -> "hi".equals(m.getBody()))));
        phones.leave();
        TestClient laptop = server.login(juliet, "laptop");
        join(laptop, room, "jules");
        Presence again = romeo.receives(Presence.class, p -> p.getFrom().toString().equals(room + "/jules"));
        assertEquals(id, occupantId(again));
    }

    @Test
    void aSelfPingIsAnsweredWhileJoinedAndNotAcceptableAfterwards() throws Exception {
        TestClient romeo = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat muc = instantRoom(romeo, room, "romeo");
        IQ pong = romeo.request(new RawIq(IQ.Type.get, room + "/romeo", "ping", "urn:xmpp:ping", null));
        assertEquals(IQ.Type.result, pong.getType());
        TestClient juliet = server.newUser();
        join(juliet, room, "juliet"); // keeps the room alive
        muc.leave();
        IQ gone = romeo.request(new RawIq(IQ.Type.get, room + "/romeo", "ping", "urn:xmpp:ping", null));
        assertEquals(StanzaError.Condition.not_acceptable, gone.getError().getCondition());
    }

    @Test
    void aSenderRetractsItsOwnMessageButNoOneElses() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = instantRoom(romeo, room, "romeo");
        MultiUserChat juliets = join(juliet, room, "juliet");
        String id = said(juliet, juliets, "oops");

        StandardExtensionElement retract = StandardExtensionElement.builder("retract", "urn:xmpp:message-retract:1")
                .addAttribute("id", id).build();
        romeo.send(StanzaBuilder.buildMessage().to(room).ofType(Message.Type.groupchat).addExtension(retract).build());
        Message refused = romeo.receivesMessage(m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.forbidden, refused.getError().getCondition());

        juliet.send(StanzaBuilder.buildMessage().to(room).ofType(Message.Type.groupchat).addExtension(retract).build());
        Message retracted = romeo.receivesMessage(m -> m.hasExtension("retract", "urn:xmpp:message-retract:1"));
        assertEquals(room + "/juliet", retracted.getFrom().toString());
        assertNotNull(romeos);
        assertTombstone(romeo, room, id, "oops", false);
    }

    @Test
    void aModeratorRemovesAMessageForEveryone() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        TestClient tybalt = server.newUser();
        EntityBareJid room = newRoom();
        instantRoom(romeo, room, "romeo");
        join(juliet, room, "juliet");
        MultiUserChat tybalts = join(tybalt, room, "tybalt");
        String id = said(tybalt, tybalts, "a rude remark");

        String moderate = "<retract xmlns='urn:xmpp:message-retract:1'/><reason>rude</reason>";
        IQ notModerator = juliet.request(new RawIq(IQ.Type.set, room.toString(), "moderate", "urn:xmpp:message-moderate:1",
                moderate).attribute("id", id));
        assertEquals(StanzaError.Condition.forbidden, notModerator.getError().getCondition());
        IQ unknown = romeo.request(new RawIq(IQ.Type.set, room.toString(), "moderate", "urn:xmpp:message-moderate:1",
                moderate).attribute("id", "no-such-id"));
        assertEquals(StanzaError.Condition.item_not_found, unknown.getError().getCondition());
        IQ done = romeo.request(new RawIq(IQ.Type.set, room.toString(), "moderate", "urn:xmpp:message-moderate:1",
                moderate).attribute("id", id));
        assertEquals(IQ.Type.result, done.getType());
        Message seen = juliet.receivesMessage(m -> m.hasExtension("retract", "urn:xmpp:message-retract:1"));
        String xml = seen.toXML().toString();
        assertTrue(xml.contains("id=\"" + id + "\"") || xml.contains("id='" + id + "'"), xml);
        assertTrue(xml.contains(room + "/romeo"), xml);
        assertTrue(xml.contains("rude"), xml);
        // XEP-0425 §6: the archive keeps a tombstone, so history no longer shows the remark.
        assertTombstone(juliet, room, id, "a rude remark", true);
    }

    /** The room archive holds a tombstone under the message's id, and the text is gone. */
    private static void assertTombstone(TestClient reader, EntityBareJid room, String id, String text, boolean moderated)
            throws Exception {
        org.jivesoftware.smackx.mam.MamManager mam = org.jivesoftware.smackx.mam.MamManager.getInstanceFor(MucServer.muc(reader, room));
        assertTrue(mam.isSupported());
        java.util.List<Message> archived = mam.queryMostRecentPage(null, 50).getMessages();
        assertTrue(archived.stream().noneMatch(m -> text.equals(m.getBody())), "the text is gone from the archive");
        Message tombstone = archived.stream()
                .filter(m -> m.getExtensionElement(StanzaIdElement.ELEMENT, StanzaIdElement.NAMESPACE) instanceof StanzaIdElement sid
                        && id.equals(sid.getId()))
                .findFirst().orElseThrow(() -> new AssertionError("no archived message with id " + id + " in " + archived));
        String xml = tombstone.toXML().toString();
        assertTrue(xml.contains("retracted") && xml.contains("urn:xmpp:message-retract:1"), xml);
        assertEquals(moderated, xml.contains("urn:xmpp:message-moderate:1"), xml);
    }

    @Test
    void anAbsentMemberMentionedByNickFindsTheMessageWhenComingOnline() throws Exception {
        TestClient romeo = server.newUser();
        Account juliet = server.newAccount();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = instantRoom(romeo, room, "romeo");
        TestClient julietOnce = server.login(juliet);
        IQ registered = julietOnce.request(new RawIq(IQ.Type.set, room.toString(), "query", "jabber:iq:register",
                "<x xmlns='jabber:x:data' type='submit'><field var='muc#register_roomnick'><value>Juliet</value></field></x>"));
        assertEquals(IQ.Type.result, registered.getType());
        julietOnce.close();

        romeos.sendMessage("Juliet, are you there?");
        romeos.sendMessage("juliettes are not juliet's business"); // a longer word, then the nick again
        romeo.sync();

        TestClient julietLater = server.login(juliet);
        Message notice = julietLater.receivesMessage(m -> m.getBody() != null && m.getBody().contains("are you there"));
        assertEquals(room.toString(), notice.getFrom().toString());
        assertTrue(notice.hasExtension("x", "jabber:x:conference"), "an XEP-0249 invitation to the room");
    }
}
