package im.parley.s2s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.util.Map;
import java.util.UUID;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.xmpp.packet.JID;

/**
 * Parley federates with a real Prosody over dialback and TLS: messages and presence
 * subscriptions both ways, and a Prosody user in a Parley room. Parley finds Prosody through its
 * static host map; Prosody finds Parley through a hosts file.
 */
class ProsodyFederationTest {
    static final String PARLEY_ADDRESS = "127.0.0.3";

    @RegisterExtension
    static final ParleyServer parley = TwoServers.server("example.test", new FederationModule(),
            "s2s:\n  address: " + PARLEY_ADDRESS + "\n  port: 5269\n  direct_tls_port: -1\n"
                    + "  hosts: {" + ProsodyServer.DOMAIN + ": \"" + ProsodyServer.ADDRESS + ":5269\"}\n")
            .build();

    static ProsodyServer prosody;

    @BeforeAll
    static void startProsody() throws Exception {
        // A developer's machine without Prosody skips this class; CI (.ci/run) installs Prosody and sets
        // PARLEY_PROSODY_TEST=required, so there a missing Prosody fails the run instead of skipping it.
        if (!ProsodyServer.installed()) {
            if ("required".equals(System.getenv("PARLEY_PROSODY_TEST"))) {
                throw new IllegalStateException("PARLEY_PROSODY_TEST=required but Prosody (/usr/bin/prosody) is not installed");
            }
            Assumptions.abort("Prosody is not installed (apt-get install prosody lua-unbound)");
        }
        prosody = ProsodyServer.start(Map.of("example.test", PARLEY_ADDRESS, "conference.example.test", PARLEY_ADDRESS));
    }

    @AfterAll
    static void stopProsody() {
        if (prosody != null) {
            prosody.close();
        }
    }

    @Test
    void messagesCrossBothWays() throws Exception {
        TestClient romeo = parley.newUser();
        TestClient alice = prosody.newUser();
        romeo.sendChat(alice.account().jid(), "hello Prosody");
        Message got = alice.receivesMessage(m -> "hello Prosody".equals(m.getBody()));
        assertEquals(romeo.jid().toString(), got.getFrom().toString());
        alice.sendChat(new JID(romeo.jid().toString()), "hello Parley");
        Message back = romeo.receivesMessage(m -> "hello Parley".equals(m.getBody()));
        assertEquals(alice.jid().toString(), back.getFrom().toString(), prosody.log());
    }

    @Test
    void presenceSubscriptionsWorkBothWays() throws Exception {
        TestClient romeo = parley.newUser();
        TestClient alice = prosody.newUser();
        romeo.befriend(alice);
        alice.presence(3);
        romeo.receives(Presence.class, p -> p.getFrom().toString().equals(alice.jid().toString())
                && p.getType() == Presence.Type.available && p.getPriority() == 3);
        romeo.presence(4);
        alice.receives(Presence.class, p -> p.getFrom().toString().equals(romeo.jid().toString())
                && p.getType() == Presence.Type.available && p.getPriority() == 4);
    }

    @Test
    void aProsodyUserTakesPartInAParleyRoom() throws Exception {
        TestClient romeo = parley.newUser();
        TestClient alice = prosody.newUser();
        EntityBareJid room = JidCreate.entityBareFrom("room-" + UUID.randomUUID().toString().substring(0, 8) + "@conference.example.test");
        MultiUserChat owner = MultiUserChatManager.getInstanceFor(romeo.connection()).getMultiUserChat(room);
        owner.create(Resourcepart.from("romeo")).makeInstant();
        MultiUserChat guest = MultiUserChatManager.getInstanceFor(alice.connection()).getMultiUserChat(room);
        guest.join(Resourcepart.from("alice"));
        romeo.receives(Presence.class, p -> p.getFrom().toString().equals(room + "/alice"));
        guest.sendMessage("hi from Prosody");
        romeo.receivesMessage(m -> "hi from Prosody".equals(m.getBody()) && m.getFrom().toString().equals(room + "/alice"));
        owner.sendMessage("welcome, alice");
        alice.receivesMessage(m -> "welcome, alice".equals(m.getBody()) && m.getFrom().toString().equals(room + "/romeo"));
    }
}
