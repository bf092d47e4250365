package im.parley.module.muc;

import static im.parley.module.muc.MucServer.instantRoom;
import static im.parley.module.muc.MucServer.newRoom;
import static im.parley.module.muc.MucServer.nick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.mam.MamModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** History on entering (XEP-0045 §7.2.15) and the room's archive through MAM on the room's address (XEP-0313 §5). */
class MucHistoryTest {
    @RegisterExtension
    static final ParleyServer server = MucServer.builder(new MamModule()).build();

    private static MultiUserChat roomWithMessages(TestClient owner, EntityBareJid room, int n) throws Exception {
        MultiUserChat muc = instantRoom(owner, room, "romeo");
        for (int i = 1; i <= n; i++) {
            muc.sendMessage("line " + i);
            String body = "line " + i;
            owner.receivesMessage(m -> body.equals(m.getBody()));
        }
        return muc;
    }

    @Test
    void aNewcomerGetsTheHistoryWithinItsLimitsThenTheSubject() throws Exception {
        TestClient romeo = server.newUser();
        EntityBareJid room = newRoom();
        roomWithMessages(romeo, room, 5);

        TestClient juliet = server.newUser();
        MultiUserChat juliets = MucServer.muc(juliet, room);
        juliets.join(juliets.getEnterConfigurationBuilder(nick("juliet")).requestMaxStanzasHistory(2).build());
        Message first = juliet.receivesMessage(m -> m.getBody() != null);
        Message second = juliet.receivesMessage(m -> m.getBody() != null);
        assertEquals("line 4", first.getBody());
        assertEquals("line 5", second.getBody());
        DelayInformation delay = DelayInformation.from(first);
        assertNotNull(delay, "history carries a delay stamp");
        assertEquals(room.toString(), delay.getFrom());
        juliet.receivesMessage(m -> m.getSubject() != null);

        TestClient nurse = server.newUser();
        MultiUserChat nurses = MucServer.muc(nurse, room);
        nurses.join(nurses.getEnterConfigurationBuilder(nick("nurse")).requestNoHistory().build());
        Message next = nurse.receivesMessage(m -> true);
        assertEquals(null, next.getBody(), "no history: the subject comes first");
    }

    @Test
    void theRoomArchiveAnswersMamOnTheRoomAddressWithStanzaIds() throws Exception {
        TestClient romeo = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat muc = roomWithMessages(romeo, room, 3);
        TestClient juliet = server.newUser();
        MultiUserChat juliets = MucServer.join(juliet, room, "juliet");
        juliets.sendMessage("from juliet");
        Message reflected = juliet.receivesMessage(m -> "from juliet".equals(m.getBody()));
        StanzaIdElement sid = (StanzaIdElement) reflected.getExtensionElement(StanzaIdElement.ELEMENT, StanzaIdElement.NAMESPACE);
        assertEquals(room.toString(), sid.getBy());

        MamManager mam = MamManager.getInstanceFor(juliets);
        assertTrue(mam.isSupported());
        MamManager.MamQuery all = mam.queryMostRecentPage(null, 10);
        assertEquals(List.of("line 1", "line 2", "line 3", "from juliet"), all.getMessages().stream().map(Message::getBody).toList());
        assertEquals(room + "/juliet", all.getMessages().get(3).getFrom().toString());
        MamManager.MamQuery byJuliet = mam.queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsToJid(JidCreate.entityFullFrom(room, nick("juliet"))).build());
        assertEquals(List.of("from juliet"), byJuliet.getMessages().stream().map(Message::getBody).toList());
        assertNotNull(muc);
    }

    @Test
    void groupChatIsKeptByTheRoomNotInTheSendersOwnArchive() throws Exception {
        TestClient romeo = server.newUser();
        EntityBareJid room = newRoom();
        roomWithMessages(romeo, room, 2);
        romeo.sendChat(new org.xmpp.packet.JID(server.newAccount().jid().toBareJID()), "a one-to-one message");
        romeo.sync();

        MamManager own = MamManager.getInstanceFor(romeo.connection());
        assertTrue(own.isSupported());
        List<String> bodies = own.queryMostRecentPage(null, 10).getMessages().stream().map(Message::getBody).toList();
        assertEquals(List.of("a one-to-one message"), bodies); // XEP-0313 §5: group chat belongs to the room's archive
        MamManager rooms = MamManager.getInstanceFor(MucServer.muc(romeo, room));
        assertTrue(rooms.isSupported());
        assertEquals(2, rooms.queryMostRecentPage(null, 10).getMessageCount());
    }
}
