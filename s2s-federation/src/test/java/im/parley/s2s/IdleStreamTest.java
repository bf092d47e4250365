package im.parley.s2s;

import static org.junit.jupiter.api.Assertions.assertFalse;

import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;

/** Streams with nothing to carry are closed after the idle timeout and opened again when needed. */
class IdleStreamTest {
    static final TwoServers NET = new TwoServers();
    static final FederationModule ALPHA_S2S = new FederationModule(NET.loopback);
    static final FederationModule BETA_S2S = new FederationModule(NET.loopback);

    @RegisterExtension
    @Order(1)
    static final ParleyServer alpha = TwoServers.server("localhost", ALPHA_S2S, TwoServers.s2s("  idle_timeout: 2s\n")).build();

    @RegisterExtension
    @Order(2)
    static final ParleyServer beta = TwoServers.server("example.test", BETA_S2S, TwoServers.s2s("  idle_timeout: 2s\n")).build();

    @BeforeAll
    static void ports() {
        NET.register("localhost", ALPHA_S2S);
        NET.register("example.test", BETA_S2S);
    }

    @Test
    void anIdleStreamClosesAndTheNextMessageOpensANewOne() {
        TestClient romeo = alpha.newUser();
        TestClient juliet = beta.newUser();
        romeo.sendChat(juliet.account().jid(), "first");
        juliet.receivesMessage(m -> "first".equals(m.getBody()));
        assertFalse(ALPHA_S2S.streams().isEmpty());
        Await.until("idle streams closed on both sides", Duration.ofSeconds(20),
                () -> ALPHA_S2S.streams().isEmpty() && BETA_S2S.streams().isEmpty());
        romeo.sendChat(juliet.account().jid(), "second");
        juliet.receivesMessage(m -> "second".equals(m.getBody()));
        juliet.sendChat(new JID(romeo.jid().toString()), "reply");
        romeo.receivesMessage(m -> "reply".equals(m.getBody()));
    }
}
