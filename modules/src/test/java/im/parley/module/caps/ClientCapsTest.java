package im.parley.module.caps;

import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.module.disco.DiscoModule;
import im.parley.module.ping.PingModule;
import im.parley.testing.Account;
import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import im.parley.testing.TestClient;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;

/** The server learns clients' capabilities from their presence (XEP-0115 §6.3), trusting a hash only when it checks. */
class ClientCapsTest {
    private static final AtomicReference<ModuleContext> CTX = new AtomicReference<>();

    /** Looks at what the caps module publishes, as another module would. */
    private static final class Probe implements Module {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public void start(ModuleContext ctx) {
            CTX.set(ctx);
        }
    }

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new PingModule(), new CapsModule(), new Probe()).build();

    // Smack keeps caps in static caches for the whole JVM; later test classes run servers on the same domain.
    @org.junit.jupiter.api.AfterAll
    static void forgetCachedCaps() {
        org.jivesoftware.smackx.caps.EntityCapsManager.clearMemoryCache();
    }

    private static Optional<Set<String>> features(String full) {
        return CTX.get().service(ClientCapabilities.class).orElseThrow().features(new JID(full));
    }

    @Test
    void aClientsCapsAreLearntAndFollowItsChanges() {
        TestClient alice = server.newUser();
        Await.until("alice's caps known", () -> features(alice.address().toString()).isPresent());
        ServiceDiscoveryManager.getInstanceFor(alice.connection()).addFeature("urn:example:caps-test+notify");
        Await.until("alice's new caps known", () -> features(alice.address().toString())
                .map(f -> f.contains("urn:example:caps-test+notify")).orElse(false));
        TestClient bob = server.newUser();
        ServiceDiscoveryManager.getInstanceFor(bob.connection()).addFeature("urn:example:caps-test+notify");
        Await.until("bob's caps known", () -> features(bob.address().toString())
                .map(f -> f.contains("urn:example:caps-test+notify")).orElse(false));
    }

    @Test
    void anAnswerThatDoesNotHashToTheVerCountsForThatClientOnly() throws Exception {
        String caps = "<presence><c xmlns='" + CapsModule.NS + "' hash='sha-1' node='urn:example:forger' ver='Zm9yZ2Vk'/></presence>";
        Account forgerAccount = server.newAccount();
        try (RawClient forger = server.raw(); RawClient other = server.raw()) {
            String forgerJid = forger.login(forgerAccount);
            forger.send(caps);
            String asked = forger.readUntil("</iq>");
            assertTrue(asked.contains("http://jabber.org/protocol/disco#info") && asked.contains("urn:example:forger#Zm9yZ2Vk"), asked);
            String id = asked.replaceAll("(?s).*<iq[^>]* id=['\"]([^'\"]+)['\"].*", "$1");
            forger.send("<iq type='result' id='" + id + "' to='" + forgerAccount.domain() + "'><query xmlns='http://jabber.org/protocol/"
                    + "disco#info' node='urn:example:forger#Zm9yZ2Vk'><identity category='client' type='pc'/>"
                    + "<feature var='urn:example:forged+notify'/></query></iq>");
            Await.until("the forger's answer counts for the forger", () -> features(forgerJid)
                    .map(f -> f.contains("urn:example:forged+notify")).orElse(false));
            // Another client announcing the same ver is asked itself; until it answers nothing is known of it.
            String otherJid = other.login(server.newAccount());
            other.send(caps);
            assertTrue(other.readUntil("</iq>").contains("urn:example:forger#Zm9yZ2Vk"));
            Await.until("nothing known of the other client", Duration.ofMillis(300), () -> features(otherJid).isEmpty());
            assertTrue(features(otherJid).isEmpty());
        }
    }
}
