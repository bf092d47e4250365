package im.parley.module.caps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import im.parley.api.IqScope;
import im.parley.api.Origin;
import im.parley.api.disco.Identity;
import im.parley.api.disco.Item;
import im.parley.api.disco.ServiceDirectory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/** The stream feature follows the directory as modules come and go. */
class CapsFeatureTest {
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final List<Identity> SERVER = List.of(new Identity("server", "im", "Parley"));
    private static final JID DOMAIN = new JID("example.org");

    @Test
    void theVerHashesTheServersIdentitiesAndFeatures() {
        Element c = CapsModule.feature(new FixedDirectory(SERVER, Set.of(DISCO_INFO, "urn:xmpp:ping")), DOMAIN);
        assertEquals(VerificationString.sha1(List.of(new VerificationString.Identity("server", "im", null, "Parley")),
                List.of(DISCO_INFO, "urn:xmpp:ping"), List.of()), c.attributeValue("ver"));
        assertEquals("sha-1", c.attributeValue("hash"));
        assertEquals(CapsModule.NODE, c.attributeValue("node"));
    }

    @Test
    void anotherFeatureIsAnotherVer() {
        String before = CapsModule.ver(new FixedDirectory(SERVER, Set.of(DISCO_INFO)), DOMAIN);
        String after = CapsModule.ver(new FixedDirectory(SERVER, Set.of(DISCO_INFO, "urn:xmpp:ping")), DOMAIN);
        assertNotEquals(before, after);
    }

    @Test
    void notOfferedWhileNothingAnswersDiscoInfo() {
        assertNull(CapsModule.feature(new FixedDirectory(SERVER, Set.of("urn:xmpp:ping")), DOMAIN));
    }

    /** A directory with fixed server identities and features. */
    private record FixedDirectory(List<Identity> serverIdentities, Set<String> serverFeatures) implements ServiceDirectory {
        @Override
        public Set<String> features(IqScope scope) {
            return scope == IqScope.SERVER ? serverFeatures : Set.of();
        }

        @Override
        public List<Identity> identities(IqScope scope) {
            return scope == IqScope.SERVER ? serverIdentities : List.of();
        }

        @Override
        public List<Item> items(JID address, String node, Origin requester) {
            return List.of();
        }

        @Override
        public Optional<NodeInfo> nodeInfo(JID address, String node, Origin requester) {
            return Optional.empty();
        }

        @Override
        public List<org.xmpp.forms.DataForm> extendedInfo(IqScope scope, JID address) {
            return List.of();
        }
    }
}
