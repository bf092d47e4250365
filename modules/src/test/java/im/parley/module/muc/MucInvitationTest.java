package im.parley.module.muc;

import static im.parley.module.muc.MucServer.instantRoom;
import static im.parley.module.muc.MucServer.join;
import static im.parley.module.muc.MucServer.newRoom;
import static im.parley.module.muc.MucServer.nick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.packet.GroupChatInvitation;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** Invitations (XEP-0045 §7.8, XEP-0249), voice requests (§7.13) and nick registration (§7.10). */
class MucInvitationTest {
    @RegisterExtension
    static final ParleyServer server = MucServer.builder().build();

    @Test
    void aMediatedInvitationToAMembersOnlyRoomMakesAMemberAndADeclineReturns() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = MucServer.muc(romeo, room);
        romeos.create(nick("romeo"));
        romeos.sendConfigurationForm(MucConfigTest.answer(romeos, "muc#roomconfig_membersonly", true));

        romeos.invite(JidCreate.entityBareFrom(juliet.address().toBareJID()), "come up");
        Message invitation = juliet.receivesMessage(m -> MUCUser.from(m) != null && MUCUser.from(m).getInvite() != null);
        assertEquals(room, invitation.getFrom());
        assertEquals("come up", MUCUser.from(invitation).getInvite().getReason());
        assertEquals(romeo.address().toString(), MUCUser.from(invitation).getInvite().getFrom().toString());
        join(juliet, room, "juliet"); // a member now

        MUCUser decline = new MUCUser();
        decline.setDecline(new MUCUser.Decline("not tonight", JidCreate.entityBareFrom(romeo.address().toBareJID())));
        juliet.send(StanzaBuilder.buildMessage().to(room).addExtension(decline).build());
        Message declined = romeo.receivesMessage(m -> MUCUser.from(m) != null && MUCUser.from(m).getDecline() != null);
        assertEquals("not tonight", MUCUser.from(declined).getDecline().getReason());
    }

    @Test
    void aDirectInvitationPassesFromClientToClient() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        EntityBareJid room = newRoom();
        instantRoom(romeo, room, "romeo");
        romeo.send(StanzaBuilder.buildMessage().to(juliet.jid()).addExtension(new GroupChatInvitation(room)).build());
        Message direct = juliet.receivesMessage(m -> m.hasExtension(GroupChatInvitation.ELEMENT, GroupChatInvitation.NAMESPACE));
        assertEquals(room.toString(), ((GroupChatInvitation) direct.getExtension(GroupChatInvitation.class)).getRoomAddress().toString());
    }

    @Test
    void aVisitorAsksForVoiceAndTheModeratorGrantsIt() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = MucServer.muc(romeo, room);
        romeos.create(nick("romeo"));
        romeos.sendConfigurationForm(MucConfigTest.answer(romeos, "muc#roomconfig_moderatedroom", true));
        MultiUserChat juliets = join(juliet, room, "juliet");

        juliets.requestVoice();
        Message request = romeo.receivesMessage(m -> m.hasExtension(DataForm.ELEMENT, DataForm.NAMESPACE));
        DataForm form = DataForm.from(request);
        assertEquals("juliet", form.getField("muc#roomnick").getFirstValue());
        DataForm.Builder answer = DataForm.builder(DataForm.Type.submit).setFormType(MucXml.REQUEST);
        answer.addField(org.jivesoftware.smackx.xdata.FormField.textSingleBuilder("muc#roomnick").setValue("juliet").build());
        answer.addField(org.jivesoftware.smackx.xdata.FormField.booleanBuilder("muc#request_allow").setValue(true).build());
        romeo.send(StanzaBuilder.buildMessage().to(room).addExtension(answer.build()).build());
        Presence voiced = juliet.receives(Presence.class, p -> p.getFrom().toString().equals(room + "/juliet")
                && MUCUser.from(p) != null && MUCUser.from(p).getItem().getRole() == MUCRole.participant);
        assertNotNull(voiced);
    }

    @Test
    void aRegisteredNickIsReservedAndReported() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        TestClient paris = server.newUser();
        EntityBareJid room = newRoom();
        instantRoom(romeo, room, "romeo");
        IQ form = juliet.request(new RawIq(IQ.Type.get, room.toString(), "query", "jabber:iq:register", null));
        assertTrue(form.toXML().toString().contains("muc#register_roomnick"), form.toXML().toString());
        IQ registered = juliet.request(new RawIq(IQ.Type.set, room.toString(), "query", "jabber:iq:register",
                "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#register</value></field>"
                        + "<field var='muc#register_roomnick'><value>juliet</value></field></x>"));
        assertEquals(IQ.Type.result, registered.getType());

        assertEquals("juliet", MucServer.muc(juliet, room).getReservedNickname().toString());
        org.jivesoftware.smack.XMPPException.XMPPErrorException taken = org.junit.jupiter.api.Assertions.assertThrows(
                org.jivesoftware.smack.XMPPException.XMPPErrorException.class, () -> MucServer.muc(paris, room).join(nick("juliet")));
        assertEquals(org.jivesoftware.smack.packet.StanzaError.Condition.conflict, taken.getStanzaError().getCondition());
        IQ again = juliet.request(new RawIq(IQ.Type.get, room.toString(), "query", "jabber:iq:register", null));
        assertTrue(again.toXML().toString().contains("<registered"), again.toXML().toString());
    }
}
