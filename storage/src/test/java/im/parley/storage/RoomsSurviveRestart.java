package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.disco.DiscoModule;
import im.parley.module.muc.MucModule;
import im.parley.module.ping.PingModule;
import im.parley.module.presence.PresenceModule;
import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.util.UUID;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * A persistent room keeps its configuration, subject and affiliations across a restart of a server
 * whose storage is a database; a temporary room does not. A subclass per backend supplies the server.
 */
abstract class RoomsSurviveRestart {
    protected abstract ParleyServer server();

    static ParleyServer build(StorageConfig config) {
        return ParleyServer.with(new DiscoModule(), new PingModule(), new PresenceModule(), new MucModule())
                .storage(TestDatabases.factory(config)).build();
    }

    private static MultiUserChat muc(TestClient c, EntityBareJid room) {
        return MultiUserChatManager.getInstanceFor(c.connection()).getMultiUserChat(room);
    }

    @Test
    void aPersistentMembersOnlyRoomIsBackAfterARestart() throws Exception {
        Account owner = server().newAccount();
        Account member = server().newAccount();
        Account stranger = server().newAccount();
        EntityBareJid room = JidCreate.entityBareFrom("keep-" + UUID.randomUUID().toString().substring(0, 8) + "@conference.localhost");
        EntityBareJid temporary = JidCreate.entityBareFrom("gone-" + UUID.randomUUID().toString().substring(0, 8) + "@conference.localhost");
        TestClient ownerClient = server().login(owner);
        MultiUserChat chat = muc(ownerClient, room);
        chat.create(Resourcepart.from("owner"));
        FillableForm form = chat.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_persistentroom", true);
        form.setAnswer("muc#roomconfig_membersonly", true);
        form.setAnswer("muc#roomconfig_roomname", "Keep");
        chat.sendConfigurationForm(form);
        chat.grantMembership(JidCreate.bareFrom(member.jid().toBareJID()));
        chat.changeSubject("still here");
        chat.sendMessage("said before the restart");
        ownerClient.receivesMessage(m -> "said before the restart".equals(m.getBody()));
        muc(ownerClient, temporary).create(Resourcepart.from("owner")).makeInstant();

        server().restart();

        TestClient memberClient = server().login(member);
        MultiUserChat again = muc(memberClient, room);
        again.join(Resourcepart.from("member"));
        Message history = memberClient.receivesMessage(m -> m.getBody() != null);
        assertEquals("said before the restart", history.getBody()); // the history comes from the room's archive
        Message subject = memberClient.receivesMessage(m -> m.getSubject() != null);
        assertEquals("still here", subject.getSubject());
        assertEquals("Keep", MultiUserChatManager.getInstanceFor(memberClient.connection()).getRoomInfo(room).getName());
        TestClient strangerClient = server().login(stranger);
        XMPPException.XMPPErrorException refused = assertThrows(XMPPException.XMPPErrorException.class,
                () -> muc(strangerClient, room).join(Resourcepart.from("stranger")));
        assertEquals(StanzaError.Condition.registration_required, refused.getStanzaError().getCondition());
        // the temporary room was not kept: joining creates it anew
        MultiUserChat fresh = muc(strangerClient, temporary);
        assertTrue(fresh.createOrJoin(Resourcepart.from("stranger")) != null);
    }
}
