package im.parley.module.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.disco.DiscoModule;
import im.parley.module.ping.PingModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.util.List;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.pubsub.AccessModel;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** The pubsub service at pubsub.<domain> (XEP-0060), driven by Smack's PubSubManager as a push app server or a bot would. */
class PubSubServiceTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new PingModule(), new PubSubModule()).build();

    private static PubSubManager manager(TestClient client) throws Exception {
        DomainBareJid service = PubSubManager.getPubSubService(client.connection());
        assertEquals("pubsub.localhost", String.valueOf(service), "found through the domain's disco#items");
        return PubSubManager.getInstanceFor(client.connection(), service);
    }

    private static PayloadItem<SimplePayload> item(String id, String text) {
        return new PayloadItem<>(id, null, new SimplePayload("<entry xmlns='urn:example'>" + text + "</entry>"));
    }

    @Test
    void createPublishRetrieveSubscribeAndDelete() throws Exception {
        TestClient app = server.newUser();
        TestClient device = server.newUser();
        PubSubManager owner = manager(app);
        LeafNode node = owner.createNode("push-" + System.nanoTime());
        node.publish(item("i1", "first"));
        List<Item> items = node.getItems();
        assertEquals(1, items.size());
        assertTrue(items.get(0).toXML().toString().contains("first"));

        LeafNode seen = manager(device).getLeafNode(node.getId());
        seen.subscribe(device.connection().getUser().asEntityBareJid());
        assertTrue(seen.getSubscriptions().stream().anyMatch(s -> s.getJid().equals(device.connection().getUser().asEntityBareJid())));
        node.publish(item("i2", "second"));
        Message event = device.receivesMessage(m -> m.toXML().toString().contains("second"));
        assertEquals("pubsub.localhost", event.getFrom().toString());

        owner.deleteNode(node.getId());
        device.receivesMessage(m -> m.toXML().toString().contains("<delete"));
        IQ gone = device.request(new RawIq(IQ.Type.get, "pubsub.localhost", "pubsub", PubSub.NS, "<items node='" + node.getId() + "'/>"));
        assertEquals(StanzaError.Condition.item_not_found, gone.getError().getCondition());
    }

    @Test
    void subscribingSomeoneElseIsABadRequest() throws Exception {
        TestClient app = server.newUser();
        TestClient other = server.newUser();
        LeafNode node = manager(app).createNode("n-" + System.nanoTime());
        LeafNode seen = manager(other).getLeafNode(node.getId());
        XMPPException.XMPPErrorException e = assertThrows(XMPPException.XMPPErrorException.class,
                () -> seen.subscribe(JidCreate.entityBareFrom("someone@example.org")));
        assertEquals(StanzaError.Condition.bad_request, e.getStanzaError().getCondition());
    }

    @Test
    void aWhitelistNodeIsClosedToOthersAndOnlyOwnersPublishOrConfigure() throws Exception {
        TestClient app = server.newUser();
        TestClient other = server.newUser();
        PubSubManager owner = manager(app);
        FillableConfigureForm config = owner.getDefaultConfiguration().getFillableForm();
        config.setAccessModel(AccessModel.whitelist);
        String name = "w-" + System.nanoTime();
        owner.createNode(name, config);
        IQ subscribe = other.request(new RawIq(IQ.Type.set, "pubsub.localhost", "pubsub", PubSub.NS,
                "<subscribe node='" + name + "' jid='" + other.connection().getUser().asEntityBareJid() + "'/>"));
        assertEquals(StanzaError.Condition.not_allowed, subscribe.getError().getCondition());
        assertNotNull(subscribe.getError().getExtension("closed-node", PubSub.ERRORS));
        IQ publish = other.request(new RawIq(IQ.Type.set, "pubsub.localhost", "pubsub", PubSub.NS,
                "<publish node='" + name + "'><item><x xmlns='urn:example'/></item></publish>"));
        assertEquals(StanzaError.Condition.forbidden, publish.getError().getCondition());
        IQ configure = other.request(new RawIq(IQ.Type.get, "pubsub.localhost", "pubsub", PubSub.OWNER, "<configure node='" + name + "'/>"));
        assertEquals(StanzaError.Condition.forbidden, configure.getError().getCondition());
        // The owner lets the other in as a member.
        IQ member = app.request(new RawIq(IQ.Type.set, "pubsub.localhost", "pubsub", PubSub.OWNER, "<affiliations node='" + name
                + "'><affiliation jid='" + other.connection().getUser().asEntityBareJid() + "' affiliation='member'/></affiliations>"));
        assertEquals(IQ.Type.result, member.getType(), member.toXML().toString());
        IQ again = other.request(new RawIq(IQ.Type.set, "pubsub.localhost", "pubsub", PubSub.NS,
                "<subscribe node='" + name + "' jid='" + other.connection().getUser().asEntityBareJid() + "'/>"));
        assertEquals(IQ.Type.result, again.getType(), again.toXML().toString());
    }

    @Test
    void aTransientNotificationOnlyNodeTakesPublicationsWithoutItems() throws Exception {
        TestClient app = server.newUser();
        PubSubManager owner = manager(app);
        FillableConfigureForm config = owner.getDefaultConfiguration().getFillableForm();
        config.setDeliverPayloads(false);
        config.setPersistentItems(false);
        LeafNode node = (LeafNode) owner.createNode("t-" + System.nanoTime(), config);
        node.publish();
        assertTrue(node.getItems().isEmpty());
        XMPPException.XMPPErrorException e = assertThrows(XMPPException.XMPPErrorException.class, () -> node.publish(new Item("x")));
        assertEquals(StanzaError.Condition.bad_request, e.getStanzaError().getCondition());
        assertNotNull(e.getStanzaError().getExtension("item-forbidden", PubSub.ERRORS));
    }

    @Test
    void anInstantNodeGetsAName() {
        TestClient app = server.newUser();
        IQ created = app.request(new RawIq(IQ.Type.set, "pubsub.localhost", "pubsub", PubSub.NS, "<create/>"));
        assertEquals(IQ.Type.result, created.getType(), created.toXML().toString());
        assertTrue(created.toXML().toString().contains("<create node="), created.toXML().toString());
    }
}
