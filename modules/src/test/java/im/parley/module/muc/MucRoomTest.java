package im.parley.module.muc;

import static im.parley.module.muc.MucServer.instantRoom;
import static im.parley.module.muc.MucServer.join;
import static im.parley.module.muc.MucServer.newRoom;
import static im.parley.module.muc.MucServer.nick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** Entering, talking in and leaving rooms (XEP-0045 §7), as Smack clients see it. */
class MucRoomTest {
    @RegisterExtension
    static final ParleyServer server = MucServer.builder().build();

    @Test
    void anOwnerCreatesAnInstantRoomAndOthersJoinAndTalk() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = instantRoom(romeo, room, "romeo");
        MultiUserChat juliets = join(juliet, room, "juliet");

        assertEquals(2, juliets.getOccupantsCount());
        juliets.sendMessage("hello all");
        Message got = romeo.receivesMessage(m -> m.getBody() != null);
        assertEquals("hello all", got.getBody());
        assertEquals(room + "/juliet", got.getFrom().toString());
        Message echo = juliet.receivesMessage(m -> m.getBody() != null);
        assertEquals("hello all", echo.getBody());
        assertNotNull(echo.getExtensionElement("occupant-id", "urn:xmpp:occupant-id:0"), "XEP-0421 occupant id");
        assertNotNull(echo.getExtensionElement("stanza-id", "urn:xmpp:sid:0"), "XEP-0359 stanza id by the room");
    }

    @Test
    void theCreatorGets201AndOthersCannotEnterALockedRoom() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        EntityBareJid room = newRoom();
        romeo.send(StanzaBuilder.buildPresence().to(JidCreate.entityFullFrom(room, nick("romeo")))
                .addExtension(new org.jivesoftware.smackx.muc.packet.MUCInitialPresence(null, -1, -1, -1, null)).build());
        Presence self = romeo.receives(Presence.class, p -> p.getFrom().toString().equals(room + "/romeo"));
        MUCUser x = MUCUser.from(self);
        assertTrue(x.getStatus().contains(MUCUser.Status.ROOM_CREATED_201), self.toXML().toString());
        assertTrue(x.getStatus().contains(MUCUser.Status.PRESENCE_TO_SELF_110));

        XMPPException.XMPPErrorException locked = assertThrows(XMPPException.XMPPErrorException.class,
                () -> MucServer.muc(juliet, room).join(nick("juliet")));
        assertEquals(StanzaError.Condition.item_not_found, locked.getStanzaError().getCondition());
    }

    @Test
    void aNickInUseIsAConflictAndANickChangeIsSeenByAll() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = instantRoom(romeo, room, "romeo");
        XMPPException.XMPPErrorException conflict = assertThrows(XMPPException.XMPPErrorException.class,
                () -> MucServer.muc(juliet, room).join(nick("romeo")));
        assertEquals(StanzaError.Condition.conflict, conflict.getStanzaError().getCondition());

        MultiUserChat juliets = join(juliet, room, "juliet");
        juliets.changeNickname(nick("jules"));
        Presence gone = romeo.receives(Presence.class, p -> p.getFrom().toString().equals(room + "/juliet")
                && p.getType() == Presence.Type.unavailable);
        assertTrue(MUCUser.from(gone).getStatus().contains(MUCUser.Status.NEW_NICKNAME_303));
        assertEquals("jules", MUCUser.from(gone).getItem().getNick().toString());
        romeo.receives(Presence.class, p -> p.getFrom().toString().equals(room + "/jules") && p.getType() == Presence.Type.available);
        assertEquals("jules", juliets.getNickname().toString());
        // Smack updates its occupant list on a listener of its own, which may run after the test's.
        im.parley.testing.Await.until("Romeo's client lists jules",
                () -> romeos.getOccupant(JidCreate.entityFullFrom(room, nick("jules"))) != null);
    }

    @Test
    void aNonOccupantsMessageIsRefusedWithNotAcceptable() {
        TestClient romeo = server.newUser();
        TestClient mallory = server.newUser();
        EntityBareJid room = newRoom();
        instantRoom(romeo, room, "romeo");
        mallory.send(StanzaBuilder.buildMessage().to(room).ofType(Message.Type.groupchat).setBody("spam").build());
        Message error = mallory.receivesMessage(m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.not_acceptable, error.getError().getCondition());
        romeo.receivesNothing(Message.class, m -> "spam".equals(m.getBody()), Duration.ofMillis(300));
    }

    @Test
    void privateMessagesReachEveryDeviceOfTheOccupant() throws Exception {
        TestClient romeo = server.newUser();
        im.parley.testing.Account julietAccount = server.newAccount();
        TestClient julietPhone = server.login(julietAccount, "phone");
        TestClient julietLaptop = server.login(julietAccount, "laptop");
        EntityBareJid room = newRoom();
        instantRoom(romeo, room, "romeo");
        join(julietPhone, room, "juliet");
        join(julietLaptop, room, "juliet");

        romeo.send(StanzaBuilder.buildMessage().to(JidCreate.entityFullFrom(room, nick("juliet")))
                .ofType(Message.Type.chat).setBody("psst").build());
        for (TestClient device : java.util.List.of(julietPhone, julietLaptop)) {
            Message pm = device.receivesMessage(m -> "psst".equals(m.getBody()));
            assertEquals(room + "/romeo", pm.getFrom().toString());
        }
        julietLaptop.close();
        // the other device is still in the room: nobody sees juliet leave
        romeo.receivesNothing(Presence.class, p -> p.getType() == Presence.Type.unavailable, Duration.ofMillis(500));
        julietPhone.close();
        Presence left = romeo.receives(Presence.class, p -> p.getFrom().toString().equals(room + "/juliet")
                && p.getType() == Presence.Type.unavailable);
        assertNotNull(left);
    }

    @Test
    void theSubjectIsSetByAModeratorAndSentOnJoin() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = instantRoom(romeo, room, "romeo");
        romeos.changeSubject("balcony");
        MultiUserChat juliets = join(juliet, room, "juliet");
        Message subject = juliet.receivesMessage(m -> m.getSubject() != null);
        assertEquals("balcony", subject.getSubject());
        XMPPException.XMPPErrorException forbidden = assertThrows(XMPPException.XMPPErrorException.class,
                () -> juliets.changeSubject("mine"));
        assertEquals(StanzaError.Condition.forbidden, forbidden.getStanzaError().getCondition());
    }

    @Test
    void leavingGivesTheSelfPresenceWith110EvenInANewRoom() throws Exception {
        TestClient romeo = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = MucServer.muc(romeo, room);
        romeos.join(nick("romeo"));
        Presence left = romeos.leave();
        assertTrue(MUCUser.from(left).getStatus().contains(MUCUser.Status.PRESENCE_TO_SELF_110));
        assertEquals(room + "/romeo", left.getFrom().toString());
        romeos.join(nick("romeo"));
        assertEquals(1, romeos.getOccupantsCount());
    }
}
