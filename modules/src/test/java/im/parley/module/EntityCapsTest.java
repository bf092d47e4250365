package im.parley.module;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.caps.CapsModule;
import im.parley.module.disco.DiscoModule;
import im.parley.module.extdisco.ExtDiscoModule;
import im.parley.module.ping.PingModule;
import im.parley.module.services.ServicesModule;
import im.parley.module.version.VersionModule;
import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import im.parley.testing.TestClient;
import java.util.Set;
import java.util.stream.Collectors;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;

/** XEP-0115: the server's caps stream feature, checked the way Smack checks it. */
class EntityCapsTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new PingModule(), new VersionModule(),
            new ServicesModule(), new ExtDiscoModule(), new CapsModule())
            // Contact addresses put an XEP-0128 form into disco#info, which the ver must cover (XEP-0115 §5.4).
            .yaml("services:\n  contacts:\n    abuse: [mailto:abuse@localhost]\n    support: [xmpp:support@localhost, https://help.example]")
            .build();

    @Test
    void contactAddressesAreInTheServersDiscoInfo() throws Exception {
        TestClient alice = server.newUser();
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice.connection()).discoverInfo(domain());
        org.jivesoftware.smackx.xdata.packet.DataForm form = org.jivesoftware.smackx.xdata.packet.DataForm.from(info,
                "http://jabber.org/network/serverinfo");
        assertTrue(form != null, info.toXML().toString());
        assertEquals(List.of("mailto:abuse@localhost"), form.getField("abuse-addresses").getValuesAsString());
        assertEquals(2, form.getField("support-addresses").getValuesAsString().size());
    }

    private static Jid domain() {
        return Jids.smack(server.domain());
    }

    // Smack keeps caps in static caches for the whole JVM; other test classes run servers on the same domain.
    @BeforeAll
    @AfterAll
    static void forgetCachedCaps() {
        EntityCapsManager.clearMemoryCache();
    }

    @Test
    void theFeatureVerIsWhatSmackComputesFromTheServersDiscoInfo() throws Exception {
        TestClient alice = server.newUser();
        CapsExtension caps = alice.connection().getFeature(CapsExtension.class);
        assertNotNull(caps, "no caps stream feature after login");
        assertEquals("sha-1", caps.getHash());
        assertEquals(CapsModule.NODE, caps.getNode());
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice.connection()).discoverInfo(domain(), null);
        assertTrue(info.containsFeature(ExtDiscoModule.NS), info.toXML().toString());
        assertTrue(EntityCapsManager.verifyDiscoverInfoVersion(caps.getVer(), caps.getHash(), info),
                "ver " + caps.getVer() + " does not match " + info.toXML());
    }

    @Test
    void smackRecordsTheServersCapsAtLogin() {
        TestClient alice = server.newUser();
        EntityCapsManager.NodeVerHash recorded = EntityCapsManager.getNodeVerHashByJid(domain());
        assertNotNull(recorded);
        assertEquals(CapsModule.NODE + "#" + alice.connection().getFeature(CapsExtension.class).getVer(), recorded.getNodeVer());
    }

    @Test
    void theNodeVerAnswersTheSameInfoAsTheServer() throws Exception {
        TestClient alice = server.newUser();
        CapsExtension caps = alice.connection().getFeature(CapsExtension.class);
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice.connection());
        DiscoverInfo node = disco.discoverInfo(domain(), CapsModule.NODE + "#" + caps.getVer());
        DiscoverInfo plain = disco.discoverInfo(domain(), null);
        assertTrue(EntityCapsManager.verifyDiscoverInfoVersion(caps.getVer(), caps.getHash(), node), node.toXML().toString());
        assertEquals(features(plain), features(node));
        assertEquals(plain.getIdentities().size(), node.getIdentities().size());
    }

    @Test
    void aStaleVerIsItemNotFound() {
        TestClient alice = server.newUser();
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice.connection());
        XMPPException.XMPPErrorException e = assertThrows(XMPPException.XMPPErrorException.class,
                () -> disco.discoverInfo(domain(), CapsModule.NODE + "#AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        assertEquals(StanzaError.Condition.item_not_found, e.getStanzaError().getCondition());
    }

    @Test
    void everyServedDomainHasTheSameVer() {
        TestClient local = server.newUser();
        TestClient other = server.login(server.newAccount("example.test"));
        assertEquals(local.connection().getFeature(CapsExtension.class).getVer(),
                other.connection().getFeature(CapsExtension.class).getVer());
    }

    @Test
    void offeredOnlyAfterAuthentication() throws Exception {
        Account account = server.newAccount();
        try (RawClient raw = server.raw()) {
            raw.open(account.domain());
            String beforeAuth = raw.startTls(account.domain());
            assertFalse(beforeAuth.contains(CapsModule.NS), beforeAuth);
            assertTrue(raw.authenticatePlain(account.username(), account.password()).contains("<success"));
            String afterAuth = raw.open(account.domain());
            assertTrue(afterAuth.contains(CapsModule.NS), afterAuth);
        }
    }

    private static Set<String> features(DiscoverInfo info) {
        return info.getFeatures().stream().map(DiscoverInfo.Feature::getVar).collect(Collectors.toSet());
    }
}
