package im.parley.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.adhoc.AdHocModule;
import im.parley.module.admin.AdminModule;
import im.parley.module.disco.DiscoModule;
import im.parley.module.ping.PingModule;
import im.parley.module.register.RegisterModule;
import im.parley.module.time.TimeModule;
import im.parley.module.version.VersionModule;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.time.Duration;
import java.time.Instant;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.time.EntityTimeManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;

/** What a client learns about the server: disco, version, time and ping. */
class ServerInformationTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new PingModule(), new VersionModule(),
            new TimeModule(), new RegisterModule(), new AdHocModule(), new AdminModule()).build();

    private static Jid domain() {
        return Jids.smack(server.domain());
    }

    @Test
    void serverDiscoListsIdentityAndEveryModulesFeature() throws Exception {
        TestClient alice = server.newUser();
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice.connection()).discoverInfo(domain());
        assertTrue(info.hasIdentity("server", "im"), info.toXML().toString());
        for (String feature : new String[] {DiscoModule.INFO, DiscoModule.ITEMS, PingModule.NS, VersionModule.NS,
                TimeModule.NS, RegisterModule.NS, AdHocModule.NS}) {
            assertTrue(info.containsFeature(feature), "missing " + feature + " in " + info.toXML());
        }
    }

    @Test
    void accountDiscoShowsARegisteredAccount() throws Exception {
        TestClient alice = server.newUser();
        TestClient bob = server.newUser();
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice.connection())
                .discoverInfo(Jids.smack(bob.account().jid()));
        assertTrue(info.hasIdentity("account", "registered"), info.toXML().toString());
    }

    @Test
    void discoOfAnUnknownNodeIsItemNotFound() {
        TestClient alice = server.newUser();
        IQ unknown = alice.request(new NodeQuery(server.domain(), "urn:nowhere"));
        assertEquals(IQ.Type.error, unknown.getType());
        assertEquals(StanzaError.Condition.item_not_found, unknown.getError().getCondition());
    }

    @Test
    void versionNamesParleyWithoutTheOperatingSystem() throws Exception {
        TestClient alice = server.newUser();
        Version version = VersionManager.getInstanceFor(alice.connection()).getVersion(domain());
        assertEquals("Parley", version.getName());
        assertFalse(version.getVersion().isBlank());
        assertEquals(null, version.getOs());
    }

    @Test
    void entityTimeIsTheServersUtcClock() throws Exception {
        TestClient alice = server.newUser();
        var time = EntityTimeManager.getInstanceFor(alice.connection()).getTime(domain());
        Instant reported = time.getTime().toInstant();
        assertTrue(Duration.between(reported, Instant.now()).abs().compareTo(Duration.ofSeconds(5)) < 0, reported.toString());
        assertTrue(java.util.Set.of("Z", "+00:00").contains(time.getTzo()), "UTC offset, got " + time.getTzo());
    }

    @Test
    void pingsToServerAndToAnAccountAreAnswered() throws Exception {
        TestClient alice = server.newUser();
        TestClient bob = server.newUser();
        assertTrue(PingManager.getInstanceFor(alice.connection()).pingMyServer());
        IQ pong = alice.request(new RawIq(IQ.Type.get, bob.account().jid().toString(), "ping", PingModule.NS, null));
        assertEquals(IQ.Type.result, pong.getType());
    }

    @Test
    void iqNobodyHandlesIsServiceUnavailable() {
        TestClient alice = server.newUser();
        IQ answer = alice.request(new RawIq(IQ.Type.get, server.domain(), "query", "urn:example:unknown", null));
        assertEquals(IQ.Type.error, answer.getType());
        assertEquals(StanzaError.Condition.service_unavailable, answer.getError().getCondition());
    }

    /** A disco#info request for a node. */
    private static final class NodeQuery extends IQ {
        private final String node;

        NodeQuery(String to, String node) {
            super("query", DiscoModule.INFO);
            this.node = node;
            setType(Type.get);
            setTo(Jids.smack(to));
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.attribute("node", node);
            xml.setEmptyElement();
            return xml;
        }
    }
}
