package im.parley.module.pep;

import static im.parley.module.pep.Pep.assertContains;
import static im.parley.module.pep.Pep.assertResult;
import static im.parley.module.pep.Pep.options;
import static org.junit.jupiter.api.Assertions.assertFalse;

import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OMEMO (XEP-0384) as clients run it on PEP: a user publishes a device list and a key bundle, a
 * contact gets the device list, fetches the bundle and sees the list change; in the legacy
 * namespace Conversations and most clients speak and in urn:xmpp:omemo:2.
 */
class OmemoFlowTest {
    private static final String LEGACY_DEVICES = "eu.siacs.conversations.axolotl.devicelist";
    private static final String LEGACY = "eu.siacs.conversations.axolotl";
    private static final String V2 = "urn:xmpp:omemo:2";

    @RegisterExtension
    static final ParleyServer server = Pep.builder().build();

    // Smack keeps caps in static caches for the whole JVM; later test classes run servers on the same domain.
    @org.junit.jupiter.api.AfterAll
    static void forgetCachedCaps() {
        org.jivesoftware.smackx.caps.EntityCapsManager.clearMemoryCache();
    }

    private static String legacyDevices(int... ids) {
        StringBuilder list = new StringBuilder("<list xmlns='" + LEGACY + "'>");
        for (int id : ids) {
            list.append("<device id='").append(id).append("'/>");
        }
        return list.append("</list>").toString();
    }

    private static String legacyBundle(String key) {
        return "<bundle xmlns='" + LEGACY + "'><signedPreKeyPublic signedPreKeyId='1'>" + key + "</signedPreKeyPublic>"
                + "<signedPreKeySignature>c2ln</signedPreKeySignature><identityKey>aWRlbnRpdHk=</identityKey>"
                + "<prekeys><preKeyPublic preKeyId='1'>cHJlMQ==</preKeyPublic><preKeyPublic preKeyId='2'>cHJlMg==</preKeyPublic></prekeys></bundle>";
    }

    @Test
    void legacyDeviceListAndBundleReachAContact() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.befriend(juliet);
        // Conversations announces +notify for the device list only; bundles are fetched when needed.
        Pep.wantNotifications(juliet, LEGACY_DEVICES);
        String open = options("access_model=open");
        assertResult(Pep.publish(romeo, LEGACY + ".bundles:1001", "current", legacyBundle("a2V5MQ=="), open));
        assertResult(Pep.publish(romeo, LEGACY_DEVICES, "current", legacyDevices(1001), open));
        juliet.receivesMessage(m -> Pep.isItemEvent(m, romeo, LEGACY_DEVICES, "current") && text(m).contains("id='1001'"));
        IQ bundle = Pep.items(juliet, romeo.account().jid().toBareJID(), LEGACY + ".bundles:1001", null);
        assertContains(bundle, "<item id='current'>", "a2V5MQ==", "preKeyId='2'");
        // A second device: the list changes and the contact hears of it.
        assertResult(Pep.publish(romeo, LEGACY + ".bundles:2002", "current", legacyBundle("a2V5Mg=="), open));
        assertResult(Pep.publish(romeo, LEGACY_DEVICES, "current", legacyDevices(1001, 2002), open));
        Message update = juliet.receivesMessage(m -> Pep.isItemEvent(m, romeo, LEGACY_DEVICES, "current") && text(m).contains("id='2002'"));
        assertContains(update, "id='1001'");
        // Only the current list is kept (max_items 1).
        IQ list = Pep.items(juliet, romeo.account().jid().toBareJID(), LEGACY_DEVICES, null);
        assertContains(list, "id='2002'");
    }

    @Test
    void aClientWhoseNodeHasAnotherAccessModelReconfiguresItAndPublishesAgain() {
        TestClient romeo = server.newUser();
        TestClient stranger = server.newUser();
        // An older client made the node with the default access model (presence).
        assertResult(Pep.publish(romeo, LEGACY_DEVICES, "current", legacyDevices(1), null));
        // Conversations: publish with access_model open, get precondition-not-met, reconfigure, publish again.
        Pep.assertError(Pep.publish(romeo, LEGACY_DEVICES, "current", legacyDevices(1, 2), options("access_model=open")),
                org.jivesoftware.smack.packet.StanzaError.Condition.conflict, "precondition-not-met");
        assertResult(Pep.owner(romeo, IQ.Type.set, "<configure node='" + LEGACY_DEVICES + "'>"
                + Pep.form(Pep.NS + "#node_config", "access_model=open") + "</configure>"));
        assertResult(Pep.publish(romeo, LEGACY_DEVICES, "current", legacyDevices(1, 2), options("access_model=open")));
        assertContains(Pep.items(stranger, romeo.account().jid().toBareJID(), LEGACY_DEVICES, null), "id='2'");
    }

    @Test
    void aStrangerCanFetchAnOpenBundleToStartASession() {
        TestClient romeo = server.newUser();
        TestClient stranger = server.newUser();
        String open = options("access_model=open");
        assertResult(Pep.publish(romeo, LEGACY_DEVICES, "current", legacyDevices(7), open));
        assertResult(Pep.publish(romeo, LEGACY + ".bundles:7", "current", legacyBundle("a2V5Nw=="), open));
        assertContains(Pep.items(stranger, romeo.account().jid().toBareJID(), LEGACY_DEVICES, null), "id='7'");
        assertContains(Pep.items(stranger, romeo.account().jid().toBareJID(), LEGACY + ".bundles:7", null), "a2V5Nw==");
    }

    @Test
    void omemo2DevicesAndBundlesInOneNodeReachAContact() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.befriend(juliet);
        Pep.wantNotifications(juliet, V2 + ":devices");
        // XEP-0384 §5.3.2: bundles are items of one node, named by device id, with max_items max.
        String bundleOptions = options("max_items=max", "access_model=open");
        for (int device : new int[] {11, 22}) {
            assertResult(Pep.publish(romeo, V2 + ":bundles", String.valueOf(device), "<bundle xmlns='" + V2 + "'><spk id='1'>c3Br"
                    + device + "</spk><spks>c2ln</spks><ik>aWs=</ik><prekeys><pk id='1'>cGsx</pk></prekeys></bundle>", bundleOptions));
        }
        String devices = "<devices xmlns='" + V2 + "'><device id='11' label='Phone'/><device id='22'/></devices>";
        assertResult(Pep.publish(romeo, V2 + ":devices", "current", devices, options("access_model=open")));
        juliet.receivesMessage(m -> Pep.isItemEvent(m, romeo, V2 + ":devices", "current") && text(m).contains("label='Phone'"));
        IQ one = Pep.items(juliet, romeo.account().jid().toBareJID(), V2 + ":bundles", "<item id='22'/>");
        assertContains(one, "<item id='22'>", "c3Br22");
        assertFalse(Pep.xml(one).contains("c3Br11"), Pep.xml(one));
        IQ both = Pep.items(juliet, romeo.account().jid().toBareJID(), V2 + ":bundles", null);
        assertContains(both, "c3Br11", "c3Br22");
    }

    private static String text(org.jivesoftware.smack.packet.Stanza s) {
        return s.toXML().toString().replace('"', '\'');
    }
}
