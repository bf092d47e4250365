package im.parley.module.im;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.push.PushModule;
import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Push notifications (XEP-0357): a device's app server (here a client standing in for one) hears
 * of messages that arrive while the device is away, without their text.
 */
class PushTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new im.parley.module.disco.DiscoModule(), new im.parley.module.roster.RosterModule(),
                    new im.parley.module.presence.PresenceModule(), new im.parley.module.offline.OfflineModule(),
                    new PushModule())
            .yaml("c2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: 0\n  resumption_timeout: 30s").build();

    /** {@code <enable xmlns='urn:xmpp:push:0' jid='…' node='…'/>} (XEP-0357 §5). */
    private static final class Enable extends IQ {
        private final String jid;
        private final String node;

        Enable(String jid, String node) {
            super("enable", "urn:xmpp:push:0");
            this.jid = jid;
            this.node = node;
            setType(Type.set);
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.attribute("jid", jid);
            xml.attribute("node", node);
            xml.setEmptyElement();
            return xml;
        }
    }

    private static void enable(TestClient device, AppServer appServer, String node) {
        IQ answer = device.request(new Enable(appServer.client.address().toString(), node));
        assertEquals(IQ.Type.result, answer.getType());
    }

    /** A client standing in for an app server: it records what is published to it and answers as told. */
    private static final class AppServer {
        final TestClient client;
        final java.util.concurrent.BlockingQueue<IQ> published = new java.util.concurrent.LinkedBlockingQueue<>();
        /** When set, the test answers itself (with an error), in order with what it sends next. */
        volatile boolean refuse;

        AppServer(TestClient client) {
            this.client = client;
            client.connection().registerIQRequestHandler(new org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler(
                    "pubsub", "http://jabber.org/protocol/pubsub", IQ.Type.set,
                    org.jivesoftware.smack.iqrequest.IQRequestHandler.Mode.sync) {
                @Override
                public IQ handleIQRequest(IQ request) {
                    published.add(request);
                    return refuse ? null : IQ.createResultIQ(request);
                }
            });
        }

        IQ nextIq() throws InterruptedException {
            IQ iq = published.poll(TestClient.TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            if (iq == null) {
                throw new AssertionError("no notification reached the app server");
            }
            return iq;
        }

        String next() throws InterruptedException {
            return nextIq().toXML().toString();
        }
    }

    @Test
    void anOfflineUsersAppServerHearsWhoWroteButNotWhat() throws Exception {
        AppServer appServer = new AppServer(server.newUser());
        TestClient romeo = server.newUser();
        Account julietAccount = server.newAccount();
        TestClient juliet = server.login(julietAccount);
        enable(juliet, appServer, "juliet-phone");
        juliet.close();

        romeo.sendChat(julietAccount.jid(), "are you awake?");
        String published = appServer.next();
        assertTrue(published.contains("juliet-phone"), published);
        assertTrue(published.contains("urn:xmpp:push:summary") && published.contains("message-count"), published);
        assertTrue(published.contains(romeo.address().toString()), "the sender is named: " + published);
        assertFalse(published.contains("are you awake?"), "the text stays on the server: " + published);

        // §9: an app server that answers with an error turns push off for that device.
        appServer.refuse = true;
        romeo.sendChat(julietAccount.jid(), "and now?");
        IQ refused = appServer.nextIq();
        appServer.client.send(IQ.createErrorResponse(refused, org.jivesoftware.smack.packet.StanzaError.Condition.item_not_found));
        appServer.client.sync(); // the server has handled the error before it answers this ping
        romeo.sendChat(julietAccount.jid(), "still there?");
        romeo.sync();
        assertEquals(null, appServer.published.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Test
    void aSleepingDeviceWithStreamManagementIsWoken() throws Exception {
        AppServer appServer = new AppServer(server.newUser());
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        enable(juliet, appServer, "juliet-tablet");
        juliet.connection().instantShutdown(); // the session waits for the device to resume
        romeo.sendChat(juliet.address(), "wake up");
        String published = appServer.next();
        assertTrue(published.contains("juliet-tablet") && published.contains("message-count"), published);
    }
}
