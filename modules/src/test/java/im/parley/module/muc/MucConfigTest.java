package im.parley.module.muc;

import static im.parley.module.muc.MucServer.instantRoom;
import static im.parley.module.muc.MucServer.join;
import static im.parley.module.muc.MucServer.newRoom;
import static im.parley.module.muc.MucServer.nick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.RoomInfo;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** Reserved rooms and their configuration form (XEP-0045 §10.1, §10.2), discovery (§6) and destruction (§10.9). */
class MucConfigTest {
    @RegisterExtension
    static final ParleyServer server = MucServer.builder().build();

    /** The room's configuration form with one boolean answered. */
    static FillableForm answer(MultiUserChat muc, String field, boolean value) throws Exception {
        FillableForm form = muc.getConfigurationForm().getFillableForm();
        form.setAnswer(field, value);
        return form;
    }

    @Test
    void aReservedRoomWithAPasswordAndANameAndASizeLimit() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        TestClient nurse = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = MucServer.muc(romeo, room);
        romeos.create(nick("romeo"));
        FillableForm form = romeos.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_roomname", "Balcony");
        form.setAnswer("muc#roomconfig_passwordprotectedroom", true);
        form.setAnswer("muc#roomconfig_roomsecret", "sesame");
        form.setAnswer("muc#roomconfig_maxusers", 2);
        romeos.sendConfigurationForm(form);

        RoomInfo info = MultiUserChatManager.getInstanceFor(juliet.connection()).getRoomInfo(room);
        assertEquals("Balcony", info.getName());
        assertTrue(info.isPasswordProtected());
        XMPPException.XMPPErrorException noPassword = assertThrows(XMPPException.XMPPErrorException.class,
                () -> MucServer.muc(juliet, room).join(nick("juliet")));
        assertEquals(StanzaError.Condition.not_authorized, noPassword.getStanzaError().getCondition());
        MucServer.muc(juliet, room).join(nick("juliet"), "sesame");
        XMPPException.XMPPErrorException full = assertThrows(XMPPException.XMPPErrorException.class,
                () -> MucServer.muc(nurse, room).join(nick("nurse"), "sesame"));
        assertEquals(StanzaError.Condition.service_unavailable, full.getStanzaError().getCondition());
    }

    @Test
    void wrongFormValuesAreRefusedAndTheRoomStaysAsItWas() throws Exception {
        TestClient romeo = server.newUser();
        EntityBareJid room = newRoom();
        instantRoom(romeo, room, "romeo");
        IQ wrongChoice = romeo.request(new RawIq(IQ.Type.set, room.toString(), "query", MucXml.OWNER,
                "<x xmlns='jabber:x:data' type='submit'><field var='muc#roomconfig_whois'><value>everyone</value></field></x>"));
        assertEquals(StanzaError.Condition.not_acceptable, wrongChoice.getError().getCondition());
        IQ notABoolean = romeo.request(new RawIq(IQ.Type.set, room.toString(), "query", MucXml.OWNER,
                "<x xmlns='jabber:x:data' type='submit'><field var='muc#roomconfig_membersonly'><value>maybe</value></field></x>"));
        assertEquals(StanzaError.Condition.bad_request, notABoolean.getError().getCondition());
        IQ noPassword = romeo.request(new RawIq(IQ.Type.set, room.toString(), "query", MucXml.OWNER,
                "<x xmlns='jabber:x:data' type='submit'><field var='muc#roomconfig_passwordprotectedroom'><value>1</value></field></x>"));
        assertEquals(StanzaError.Condition.not_acceptable, noPassword.getError().getCondition());
        RoomInfo info = MultiUserChatManager.getInstanceFor(romeo.connection()).getRoomInfo(room);
        assertFalse(info.isMembersOnly());
        assertFalse(info.isPasswordProtected());
    }

    @Test
    void hiddenRoomsAreNotListedButPublicOnesAreAndTheServiceIsFound() throws Exception {
        TestClient romeo = server.newUser();
        EntityBareJid open = newRoom();
        EntityBareJid hidden = newRoom();
        instantRoom(romeo, open, "romeo");
        MultiUserChat secret = MucServer.muc(romeo, hidden);
        secret.create(nick("romeo"));
        secret.sendConfigurationForm(answer(secret, "muc#roomconfig_publicroom", false));

        assertTrue(MultiUserChatManager.getInstanceFor(romeo.connection()).getMucServiceDomains()
                .stream().anyMatch(d -> d.toString().equals(MucServer.SERVICE)));
        DiscoverItems items = ServiceDiscoveryManager.getInstanceFor(romeo.connection())
                .discoverItems(JidCreate.domainBareFrom(MucServer.SERVICE));
        assertTrue(items.getItems().stream().anyMatch(i -> i.getEntityID().equals(open)));
        assertFalse(items.getItems().stream().anyMatch(i -> i.getEntityID().equals(hidden)));
    }

    @Test
    void destroyingARoomTellsEveryOccupantTheAlternateVenue() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = instantRoom(romeo, room, "romeo");
        join(juliet, room, "juliet");

        romeos.destroy("moving", JidCreate.entityBareFrom("tomb@" + MucServer.SERVICE));
        Presence gone = juliet.receives(Presence.class, p -> p.getType() == Presence.Type.unavailable
                && p.getFrom().toString().equals(room + "/juliet"));
        MUCUser x = MUCUser.from(gone);
        assertEquals("tomb@" + MucServer.SERVICE, x.getDestroy().getJid().toString());
        assertEquals("moving", x.getDestroy().getReason());
        IQ info = juliet.request(new RawIq(IQ.Type.get, room.toString(), "query", "http://jabber.org/protocol/disco#info", null));
        assertEquals(StanzaError.Condition.item_not_found, info.getError().getCondition());
    }

    @Test
    void becomingMembersOnlyRemovesNonMembersWith322() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = instantRoom(romeo, room, "romeo");
        join(juliet, room, "juliet");

        romeos.sendConfigurationForm(answer(romeos, "muc#roomconfig_membersonly", true));
        Presence removed = juliet.receives(Presence.class, p -> p.getType() == Presence.Type.unavailable
                && p.getFrom().toString().equals(room + "/juliet"));
        assertTrue(MUCUser.from(removed).getStatus().contains(MUCUser.Status.create(322)));
    }
}
