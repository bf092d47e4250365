package im.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.util.UUID;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/** Group chat on two cluster nodes: one room, occupants on both; the room taken over from storage when its node goes. */
class MucClusterTest {
    private ClusterNodes cluster;

    @BeforeEach
    void start() {
        cluster = ClusterNodes.start(2);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private TestClient userOn(int i) {
        TestClient client = cluster.node(i).newUser();
        cluster.awaitRouted(client);
        return client;
    }

    private static MultiUserChat muc(TestClient c, EntityBareJid room) {
        return MultiUserChatManager.getInstanceFor(c.connection()).getMultiUserChat(room);
    }

    private static EntityBareJid newRoom() {
        return JidCreate.entityBareFromOrThrowUnchecked("r-" + UUID.randomUUID().toString().substring(0, 8) + "@conference.localhost");
    }

    @Test
    void occupantsOnTwoNodesShareOneRoom() throws Exception {
        TestClient romeo = userOn(0);
        TestClient juliet = userOn(1);
        EntityBareJid room = newRoom();
        MultiUserChat romeos = muc(romeo, room);
        romeos.create(Resourcepart.from("romeo")).makeInstant();
        MultiUserChat juliets = muc(juliet, room);
        juliets.join(Resourcepart.from("juliet"));
        assertEquals(2, juliets.getOccupantsCount());
        romeo.receives(Presence.class, p -> p.getFrom().toString().equals(room + "/juliet"));

        juliets.sendMessage("from the other node");
        assertEquals(room + "/juliet", romeo.receivesMessage(m -> "from the other node".equals(m.getBody())).getFrom().toString());
        romeos.sendMessage("and back");
        juliet.receivesMessage(m -> "and back".equals(m.getBody()));
        TestClient nurse = userOn(1);
        XMPPException.XMPPErrorException taken = assertThrows(XMPPException.XMPPErrorException.class,
                () -> muc(nurse, room).join(Resourcepart.from("romeo")));
        assertEquals(StanzaError.Condition.conflict, taken.getStanzaError().getCondition()); // the error crosses too
        juliet.close();
        Presence left = romeo.receives(Presence.class, p -> p.getFrom().toString().equals(room + "/juliet")
                && p.getType() == Presence.Type.unavailable); // a session ending on another node leaves the room
        assertEquals(Presence.Type.unavailable, left.getType());
    }

    @Test
    void aSurvivingNodeTakesAPersistentRoomOverFromStorage() throws Exception {
        TestClient romeo = userOn(0);
        EntityBareJid room = newRoom();
        MultiUserChat romeos = muc(romeo, room);
        romeos.create(Resourcepart.from("romeo"));
        FillableForm form = romeos.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_persistentroom", true);
        form.setAnswer("muc#roomconfig_roomname", "Survivor");
        romeos.sendConfigurationForm(form);
        romeos.changeSubject("before the fall");

        ParleyServer first = cluster.node(0);
        first.stop();
        ParleyServer second = cluster.node(1);
        im.parley.testing.Await.until("the first node gone", () -> second.cluster().members().size() == 1);

        TestClient juliet = second.newUser();
        MultiUserChat juliets = muc(juliet, room);
        juliets.join(Resourcepart.from("juliet"));
        Message subject = juliet.receivesMessage(m -> m.getSubject() != null);
        assertEquals("before the fall", subject.getSubject());
        assertEquals("Survivor", MultiUserChatManager.getInstanceFor(juliet.connection()).getRoomInfo(room).getName());
    }
}
