package im.parley.module.muc;

import static im.parley.module.muc.MucServer.instantRoom;
import static im.parley.module.muc.MucServer.join;
import static im.parley.module.muc.MucServer.newRoom;
import static im.parley.module.muc.MucServer.nick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;

/** Join floods, illegal nicks and the presence limit of large rooms. */
class MucLimitsTest {
    @RegisterExtension
    static final ParleyServer server = MucServer.builder()
            .yaml("muc:\n  joins_per_minute: 3\n  presence_broadcast_limit: 3\n  max_nick_length: 10\n  fan_out_slice: 2").build();

    @Test
    void aJoinFloodIsRefusedWithPolicyViolation() throws Exception {
        TestClient romeo = server.newUser();
        EntityBareJid room = newRoom();
        org.jivesoftware.smackx.muc.MultiUserChat chat = instantRoom(romeo, room, "romeo");
        for (int i = 0; i < 2; i++) {
            chat.leave();
            chat.join(nick("romeo"));
        }
        chat.leave();
        XMPPException.XMPPErrorException flood = assertThrows(XMPPException.XMPPErrorException.class,
                () -> chat.join(nick("romeo")));
        assertEquals("policy-violation", flood.getStanzaError().getCondition().toString());
    }

    @Test
    void anIllegalNickIsNotAcceptable() {
        TestClient romeo = server.newUser();
        for (int i = 0; i < 5; i++) {
            instantRoom(romeo, newRoom(), "romeo"); // entering many rooms is no flood
        }
        XMPPException.XMPPErrorException tooLong = assertThrows(XMPPException.XMPPErrorException.class,
                () -> MucServer.muc(romeo, newRoom()).join(nick("a-much-too-long-nick")));
        assertEquals("not-acceptable", tooLong.getStanzaError().getCondition().toString());
    }

    @Test
    void aboveTheLimitJoinsAndLeavesAreNotBroadcast() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        TestClient nurse = server.newUser();
        TestClient paris = server.newUser();
        EntityBareJid room = newRoom();
        instantRoom(romeo, room, "romeo");
        join(juliet, room, "juliet");
        join(nurse, room, "nurse");
        juliet.receives(Presence.class, p -> p.getFrom().toString().equals(room + "/nurse"));

        join(paris, room, "paris"); // the room has 4 occupants: above the limit of 3
        juliet.receivesNothing(Presence.class, p -> p.getFrom().toString().equals(room + "/paris"), Duration.ofMillis(500));
        romeo.receives(Presence.class, p -> p.getFrom().toString().equals(room + "/paris")); // a moderator still sees it
    }

    @Test
    void aFanOutLargerThanASliceArrivesWholeAndInOrder() throws Exception {
        TestClient romeo = server.newUser();
        EntityBareJid room = newRoom();
        org.jivesoftware.smackx.muc.MultiUserChat romeos = instantRoom(romeo, room, "romeo");
        java.util.List<TestClient> others = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestClient c = server.newUser();
            join(c, room, "o" + i);
            others.add(c);
        }
        for (int i = 0; i < 20; i++) {
            romeos.sendMessage("m" + i); // 4 deliveries each: 2 on romeo's worker, 2 through the scheduler
        }
        for (TestClient c : others) {
            for (int i = 0; i < 20; i++) {
                String body = "m" + i;
                org.jivesoftware.smack.packet.Message m = c.receivesMessage(x -> x.getBody() != null);
                assertEquals(body, m.getBody());
            }
        }
    }
}
