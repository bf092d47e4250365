package im.parley.plugin.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.disco.DiscoModule;
import im.parley.module.muc.MucModule;
import im.parley.module.presence.PresenceModule;
import im.parley.module.roster.RosterModule;
import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.util.List;
import java.util.UUID;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/** A busy room hits its own limit whatever its members' limits; trusted and admin accounts are not limited. */
class RoomAndExemptTest {
    static final String TRUSTED = "trusted-bot";

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new RosterModule(), new PresenceModule(), new MucModule())
            .admins("boss@localhost")
            .plugins(new RateLimitModule())
            .yaml("""
                    ratelimit:
                      enabled: true
                      user_messages_per_minute: 10
                      user_messages_burst: 4
                      room_messages_per_minute: 6
                      room_messages_burst: 3
                      violations_before_ban: 100
                      exempt: [trusted-bot@localhost]
                    """)
            .build();

    private static Account create(Account account) {
        try {
            server.server().accounts().create(account.jid(), account.password());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return account;
    }

    @Test
    void aRoomIsLimitedAsAWholeWhileEachMemberIsWithinTheirs() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        var room = JidCreate.entityBareFrom("busy-" + UUID.randomUUID().toString().substring(0, 8) + "@conference.localhost");
        MultiUserChat romeos = MultiUserChatManager.getInstanceFor(romeo.connection()).getMultiUserChat(room);
        romeos.create(Resourcepart.from("romeo")).makeInstant();
        MultiUserChat juliets = MultiUserChatManager.getInstanceFor(juliet.connection()).getMultiUserChat(room);
        juliets.join(Resourcepart.from("juliet"));
        // Two senders, two messages each: within each user's burst of 4, but over the room's burst of 3.
        romeos.sendMessage("r1");
        romeo.sync();
        juliets.sendMessage("j1");
        juliet.sync();
        romeos.sendMessage("r2");
        romeo.sync();
        juliets.sendMessage("j2");
        Message refused = juliet.receives(Message.class, m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.policy_violation, refused.getError().getCondition());
        assertTrue(refused.getError().getDescriptiveText().contains("the room " + room + " is over its limit of 6 messages per minute"),
                refused.getError().getDescriptiveText());
        assertEquals(List.of(), romeo.alreadyReceived(Message.class, m -> m.getType() == Message.Type.error));
    }

    @Test
    void exemptAccountsAndAdminsAreNotLimited() {
        TestClient juliet = server.newUser();
        for (TestClient sender : new TestClient[] {server.login(create(new Account(TRUSTED, "localhost", "trusted-password-1"))),
                server.login(create(new Account("boss", "localhost", "boss-password-1")))}) {
            for (int i = 0; i < 12; i++) {
                sender.sendChat(juliet.address(), sender.account().username() + " " + i);
            }
            String last = sender.account().username() + " 11";
            juliet.receivesMessage(m -> last.equals(m.getBody()));
            assertEquals(List.of(), sender.alreadyReceived(Message.class, m -> m.getType() == Message.Type.error));
        }
        // An ordinary user sending as many is refused after the burst.
        TestClient plain = server.newUser();
        for (int i = 0; i < 12; i++) {
            plain.sendChat(juliet.address(), "plain " + i);
        }
        Message error = plain.receives(Message.class, m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.policy_violation, error.getError().getCondition());
    }
}
