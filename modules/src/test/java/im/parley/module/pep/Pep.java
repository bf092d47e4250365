package im.parley.module.pep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.caps.CapsModule;
import im.parley.module.disco.DiscoModule;
import im.parley.module.ping.PingModule;
import im.parley.module.presence.PresenceModule;
import im.parley.module.roster.RosterModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;

/** The PEP test server and the conversation steps the PEP tests share, written as the XML clients send. */
final class Pep {
    static final String NS = "http://jabber.org/protocol/pubsub";
    static final String OWNER = NS + "#owner";
    static final String EVENT = NS + "#event";
    static final String ERRORS = NS + "#errors";

    private Pep() {
    }

    static ParleyServer.Builder builder(im.parley.api.Module... more) {
        java.util.List<im.parley.api.Module> modules = new java.util.ArrayList<>(java.util.List.of(new DiscoModule(),
                new PingModule(), new RosterModule(), new PresenceModule(), new CapsModule(), new PepModule()));
        modules.addAll(java.util.List.of(more));
        return ParleyServer.with(modules.toArray(im.parley.api.Module[]::new));
    }

    /** A publish-options or configuration form of the given FORM_TYPE with name=value fields (pubsub# added). */
    static String form(String formType, String... fields) {
        StringBuilder x = new StringBuilder("<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>")
                .append(formType).append("</value></field>");
        for (String f : fields) {
            int eq = f.indexOf('=');
            x.append("<field var='pubsub#").append(f, 0, eq).append("'><value>").append(f.substring(eq + 1)).append("</value></field>");
        }
        return x.append("</x>").toString();
    }

    static String options(String... fields) {
        return "<publish-options>" + form(NS + "#publish-options", fields) + "</publish-options>";
    }

    /** Publishes one item with an id and payload to the client's own PEP node, with optional publish-options XML. */
    static IQ publish(TestClient client, String node, String id, String payload, String publishOptions) {
        String item = "<item" + (id == null ? "" : " id='" + id + "'") + ">" + payload + "</item>";
        return client.request(new RawIq(IQ.Type.set, null, "pubsub", NS,
                "<publish node='" + node + "'>" + item + "</publish>" + (publishOptions == null ? "" : publishOptions)));
    }

    static IQ publishTo(TestClient client, String to, String node, String payload) {
        return client.request(new RawIq(IQ.Type.set, to, "pubsub", NS,
                "<publish node='" + node + "'><item>" + payload + "</item></publish>"));
    }

    static IQ items(TestClient client, String owner, String node, String inner) {
        return client.request(new RawIq(IQ.Type.get, owner, "pubsub", NS,
                "<items node='" + node + "'" + (inner == null ? "/>" : ">" + inner + "</items>")));
    }

    static IQ owner(TestClient client, IQ.Type type, String inner) {
        return client.request(new RawIq(type, null, "pubsub", OWNER, inner));
    }

    static String xml(IQ iq) {
        return iq.toXML().toString().replace('"', '\'');
    }

    static void assertResult(IQ iq) {
        assertEquals(IQ.Type.result, iq.getType(), () -> xml(iq));
    }

    /** Asserts an error with a condition and, if given, a pubsub#errors condition. */
    static void assertError(IQ iq, StanzaError.Condition condition, String pubsubCondition) {
        assertEquals(IQ.Type.error, iq.getType(), () -> xml(iq));
        assertEquals(condition, iq.getError().getCondition(), () -> xml(iq));
        if (pubsubCondition != null) {
            assertNotNull(iq.getError().getExtension(pubsubCondition, ERRORS), () -> xml(iq));
        }
    }

    /** Makes the client announce +notify for a node in its caps, as PEP clients do (XEP-0163 §4.2). */
    static void wantNotifications(TestClient client, String node) {
        ServiceDiscoveryManager.getInstanceFor(client.connection()).addFeature(node + "+notify");
        client.sync();
    }

    /** Whether a message is a PEP event of a node from an owner holding an item with the id. */
    static boolean isItemEvent(Message m, TestClient owner, String node, String id) {
        String x = m.toXML().toString().replace('"', '\'');
        return m.getFrom() != null && m.getFrom().toString().equals(owner.account().jid().toBareJID())
                && m.hasExtension("event", EVENT) && x.contains("node='" + node + "'") && x.contains("id='" + id + "'")
                && !x.contains("<retract");
    }

    static boolean isEvent(Message m, String node, String what) {
        String x = m.toXML().toString().replace('"', '\'');
        return m.hasExtension("event", EVENT) && x.contains("node='" + node + "'") && x.contains("<" + what);
    }

    static void assertContains(org.jivesoftware.smack.packet.Stanza stanza, String... parts) {
        String x = stanza.toXML().toString().replace('"', '\'');
        for (String p : parts) {
            assertTrue(x.contains(p), () -> "expected " + p + " in " + x);
        }
    }
}
