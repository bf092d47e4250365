package im.parley.module.muc;

import static im.parley.module.muc.MucServer.instantRoom;
import static im.parley.module.muc.MucServer.join;
import static im.parley.module.muc.MucServer.newRoom;
import static im.parley.module.muc.MucServer.nick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.util.List;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.Affiliate;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** Kicks, bans, voice, moderator and affiliation changes with the XEP's rules (XEP-0045 §8, §9, §10). */
class MucModerationTest {
    @RegisterExtension
    static final ParleyServer server = MucServer.builder().build();

    private static boolean from(Presence p, EntityBareJid room, String nick, Presence.Type type) {
        return p.getFrom().toString().equals(room + "/" + nick) && p.getType() == type;
    }

    @Test
    void aKickedOccupantAndTheOthersGet307() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        TestClient tybalt = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = instantRoom(romeo, room, "romeo");
        join(juliet, room, "juliet");
        join(tybalt, room, "tybalt");

        romeos.kickParticipant(nick("tybalt"), "brawling");
        Presence kicked = tybalt.receives(Presence.class, p -> from(p, room, "tybalt", Presence.Type.unavailable));
        MUCUser x = MUCUser.from(kicked);
        assertTrue(x.getStatus().contains(MUCUser.Status.KICKED_307));
        assertTrue(x.getStatus().contains(MUCUser.Status.PRESENCE_TO_SELF_110));
        assertEquals("brawling", x.getItem().getReason());
        assertEquals("romeo", x.getItem().getActorNick().toString());
        Presence seen = juliet.receives(Presence.class, p -> from(p, room, "tybalt", Presence.Type.unavailable));
        assertTrue(MUCUser.from(seen).getStatus().contains(MUCUser.Status.KICKED_307));
    }

    @Test
    void aBannedUserIsRemovedWith301AndCannotReturn() throws Exception {
        TestClient romeo = server.newUser();
        TestClient tybalt = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = instantRoom(romeo, room, "romeo");
        join(tybalt, room, "tybalt");

        romeos.banUser(JidCreate.bareFrom(tybalt.address().toBareJID()), "for ever");
        Presence banned = tybalt.receives(Presence.class, p -> from(p, room, "tybalt", Presence.Type.unavailable));
        assertTrue(MUCUser.from(banned).getStatus().contains(MUCUser.Status.BANNED_301));
        // A raw entry: Smack's own MultiUserChat may still be busy with the ban it has just seen.
        tybalt.send(org.jivesoftware.smack.packet.StanzaBuilder.buildPresence()
                .to(JidCreate.entityFullFrom(room, nick("tybalt2")))
                .addExtension(new org.jivesoftware.smackx.muc.packet.MUCInitialPresence(null, -1, -1, -1, null)).build());
        Presence again = tybalt.receives(Presence.class, p -> p.getType() == Presence.Type.error);
        assertEquals(StanzaError.Condition.forbidden, again.getError().getCondition());
        assertEquals(room + "/tybalt2", again.getFrom().toString());
        List<Affiliate> outcasts = romeos.getOutcasts();
        assertEquals(1, outcasts.size());
        assertEquals(tybalt.address().toBareJID(), outcasts.get(0).getJid().toString());
    }

    @Test
    void aModeratorCannotKickOrSilenceAnOwnerNorGrantModerator() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        TestClient nurse = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = instantRoom(romeo, room, "romeo");
        MultiUserChat juliets = join(juliet, room, "juliet");
        join(nurse, room, "nurse");
        romeos.grantModerator(nick("juliet"));
        juliet.receives(Presence.class, p -> from(p, room, "juliet", Presence.Type.available)
                && MUCUser.from(p).getItem().getRole() == MUCRole.moderator);

        XMPPException.XMPPErrorException kick = assertThrows(XMPPException.XMPPErrorException.class,
                () -> juliets.kickParticipant(nick("romeo"), "mutiny"));
        assertEquals(StanzaError.Condition.not_allowed, kick.getStanzaError().getCondition());
        XMPPException.XMPPErrorException voice = assertThrows(XMPPException.XMPPErrorException.class,
                () -> juliets.revokeVoice(nick("romeo")));
        assertEquals(StanzaError.Condition.not_allowed, voice.getStanzaError().getCondition());
        XMPPException.XMPPErrorException moderator = assertThrows(XMPPException.XMPPErrorException.class,
                () -> juliets.grantModerator(nick("nurse")));
        assertEquals(StanzaError.Condition.forbidden, moderator.getStanzaError().getCondition());
        XMPPException.XMPPErrorException admin = assertThrows(XMPPException.XMPPErrorException.class,
                () -> juliets.grantAdmin(JidCreate.bareFrom(nurse.address().toBareJID())));
        assertEquals(StanzaError.Condition.forbidden, admin.getStanzaError().getCondition());
    }

    @Test
    void aVisitorInAModeratedRoomSpeaksOnlyOnceGivenVoice() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = MucServer.muc(romeo, room);
        romeos.create(nick("romeo"));
        romeos.sendConfigurationForm(MucConfigTest.answer(romeos, "muc#roomconfig_moderatedroom", true));
        MultiUserChat juliets = join(juliet, room, "juliet");
        assertEquals(MUCRole.visitor, juliets.getOccupant(JidCreate.entityFullFrom(room, nick("juliet"))).getRole());

        juliets.sendMessage("may I?");
        Message refused = juliet.receivesMessage(m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.forbidden, refused.getError().getCondition());

        romeos.grantVoice(nick("juliet"));
        juliet.receives(Presence.class, p -> from(p, room, "juliet", Presence.Type.available)
                && MUCUser.from(p).getItem().getRole() == MUCRole.participant);
        juliets.sendMessage("now I may");
        romeo.receivesMessage(m -> "now I may".equals(m.getBody()));
    }

    @Test
    void adminsAndOwnersAreListedAndTheLastOwnerStays() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = instantRoom(romeo, room, "romeo");
        romeos.grantAdmin(JidCreate.bareFrom(juliet.address().toBareJID()));
        romeos.grantMembership(JidCreate.bareFrom("friar@localhost"));

        assertEquals(juliet.address().toBareJID(), romeos.getAdmins().get(0).getJid().toString());
        assertEquals("friar@localhost", romeos.getMembers().get(0).getJid().toString());
        assertEquals(romeo.address().toBareJID(), romeos.getOwners().get(0).getJid().toString());
        XMPPException.XMPPErrorException last = assertThrows(XMPPException.XMPPErrorException.class,
                () -> romeos.revokeOwnership(JidCreate.bareFrom(romeo.address().toBareJID())));
        assertEquals(StanzaError.Condition.conflict, last.getStanzaError().getCondition());
        MultiUserChat juliets = join(juliet, room, "juliet");
        XMPPException.XMPPErrorException notOwner = assertThrows(XMPPException.XMPPErrorException.class,
                () -> juliets.getConfigurationForm());
        assertEquals(StanzaError.Condition.forbidden, notOwner.getStanzaError().getCondition());
    }

    @Test
    void losingMembershipOfAMembersOnlyRoomRemovesTheOccupantWith321() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        EntityBareJid room = newRoom();
        MultiUserChat romeos = MucServer.muc(romeo, room);
        romeos.create(nick("romeo"));
        romeos.sendConfigurationForm(MucConfigTest.answer(romeos, "muc#roomconfig_membersonly", true));
        romeos.grantMembership(JidCreate.bareFrom(juliet.address().toBareJID()));
        join(juliet, room, "juliet");

        romeos.revokeMembership(JidCreate.bareFrom(juliet.address().toBareJID()));
        Presence removed = juliet.receives(Presence.class, p -> from(p, room, "juliet", Presence.Type.unavailable));
        assertTrue(MUCUser.from(removed).getStatus().contains(MUCUser.Status.REMOVED_AFFIL_CHANGE_321));
    }
}
