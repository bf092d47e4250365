package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.StanzaException;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** Services on subdomains of the served domain (components) get their stanzas; their errors reach the sender. */
class ComponentTest {
    private static final AtomicReference<List<String>> DOMAINS = new AtomicReference<>();

    /** A component that echoes messages, answers IQs and refuses presences. */
    private static final class EchoModule implements Module {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public void start(ModuleContext ctx) {
            DOMAINS.set(ctx.component("echo", (stanza, origin) -> {
                if (stanza instanceof org.xmpp.packet.Message message) {
                    org.xmpp.packet.Message echo = message.createCopy();
                    echo.setFrom(message.getTo());
                    echo.setTo(message.getFrom());
                    echo.setBody("echo: " + message.getBody() + " from " + origin.jid().toBareJID());
                    ctx.router().route(echo);
                } else if (stanza instanceof org.xmpp.packet.IQ iq && iq.getChildElement().getName().equals("fail")) {
                    throw new IllegalStateException("a bug in the component");
                } else if (stanza instanceof org.xmpp.packet.IQ iq) {
                    ctx.router().route(org.xmpp.packet.IQ.createResultIQ(iq));
                } else {
                    throw new StanzaException(PacketError.Condition.not_allowed, "no presence here");
                }
            }));
        }
    }

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new EchoModule()).build();

    @Test
    void theComponentServesTheSubdomainOfTheServedDomain() {
        assertEquals(List.of("echo.localhost", "echo.example.test"), DOMAINS.get());
    }

    @Test
    void aMessageToAnAddressInTheSubdomainReachesTheComponent() {
        TestClient romeo = server.newUser();
        romeo.sendChat(new JID("room", "echo.localhost", null), "hello");
        Message echo = romeo.receivesMessage(m -> m.getBody() != null && m.getBody().startsWith("echo: hello"));
        assertEquals("echo: hello from " + romeo.address().toBareJID(), echo.getBody());
        assertEquals("room@echo.localhost", echo.getFrom().toString());
    }

    @Test
    void iqsAreAnsweredAndFailuresBecomeErrors() {
        TestClient romeo = server.newUser();
        IQ ok = romeo.request(new RawIq(IQ.Type.get, "echo.localhost", "query", "urn:example:echo", null));
        assertEquals(IQ.Type.result, ok.getType());
        IQ failed = romeo.request(new RawIq(IQ.Type.get, "echo.localhost", "fail", "urn:example:echo", null));
        assertEquals(StanzaError.Condition.internal_server_error, failed.getError().getCondition());
        IQ again = romeo.request(new RawIq(IQ.Type.set, "x@echo.localhost", "query", "urn:example:echo", null));
        assertEquals(IQ.Type.result, again.getType());
    }

    @Test
    void aStanzaExceptionGoesBackToTheSender() {
        TestClient romeo = server.newUser();
        org.jivesoftware.smack.packet.Presence presence = org.jivesoftware.smack.packet.StanzaBuilder.buildPresence()
                .to(im.parley.testing.Jids.smack("room@echo.localhost/nick")).build();
        romeo.send(presence);
        org.jivesoftware.smack.packet.Presence error = romeo.receives(org.jivesoftware.smack.packet.Presence.class,
                p -> p.getType() == org.jivesoftware.smack.packet.Presence.Type.error);
        assertEquals(StanzaError.Condition.not_allowed, error.getError().getCondition());
        assertEquals("room@echo.localhost/nick", error.getFrom().toString());
    }

    @Test
    void otherUnknownDomainsStillGetRemoteServerNotFound() {
        TestClient romeo = server.newUser();
        IQ answer = romeo.request(new RawIq(IQ.Type.get, "echo2.localhost", "query", "urn:example:echo", null));
        assertEquals(StanzaError.Condition.remote_server_not_found, answer.getError().getCondition());
    }
}
