package im.parley.module.pep;

import static im.parley.module.pep.Pep.assertContains;
import static im.parley.module.pep.Pep.assertError;
import static im.parley.module.pep.Pep.assertResult;
import static im.parley.module.pep.Pep.options;
import static im.parley.module.pep.Pep.xml;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.time.Duration;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** XEP-0163 on accounts: publishing, retrieval, publish-options, errors, told as client conversations. */
class PepTest {
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final String TUNE = "http://jabber.org/protocol/tune";

    @RegisterExtension
    static final ParleyServer server = Pep.builder().yaml("pep:\n  max_item_size: 2KiB\n  max_nodes: 5").build();

    // Smack keeps caps in static caches for the whole JVM; later test classes run servers on the same domain.
    @org.junit.jupiter.api.AfterAll
    static void forgetCachedCaps() {
        org.jivesoftware.smackx.caps.EntityCapsManager.clearMemoryCache();
    }

    private static String tune(String title) {
        return "<tune xmlns='" + TUNE + "'><title>" + title + "</title></tune>";
    }

    @Test
    void aPublishCreatesTheNodeAndTheOwnerReadsItBack() {
        TestClient romeo = server.newUser();
        IQ published = Pep.publish(romeo, TUNE, "t1", tune("Yesterday"), null);
        assertResult(published);
        assertContains(published, "<publish node='" + TUNE + "'>", "<item id='t1'");
        IQ items = Pep.items(romeo, null, TUNE, null);
        assertResult(items);
        assertContains(items, "<item id='t1'>", "<title>Yesterday</title>");
    }

    @Test
    void anItemWithoutIdGetsOneAndTheResultSaysWhich() {
        TestClient romeo = server.newUser();
        IQ published = Pep.publish(romeo, TUNE, null, tune("Help"), null);
        assertResult(published);
        String x = xml(published);
        String id = x.substring(x.indexOf("<item id='") + 10, x.indexOf("'", x.indexOf("<item id='") + 10));
        assertFalse(id.isEmpty());
        assertContains(Pep.items(romeo, null, TUNE, "<item id='" + id + "'/>"), "<title>Help</title>");
    }

    @Test
    void maxItemsKeepsTheNewestAndRetrievalByCountAndIdWorks() {
        TestClient romeo = server.newUser();
        String node = "urn:example:list";
        assertResult(Pep.publish(romeo, node, "a", "<e xmlns='urn:example'>1</e>", options("max_items=2")));
        assertResult(Pep.publish(romeo, node, "b", "<e xmlns='urn:example'>2</e>", options("max_items=2")));
        assertResult(Pep.publish(romeo, node, "c", "<e xmlns='urn:example'>3</e>", options("max_items=2")));
        IQ all = Pep.items(romeo, null, node, null);
        assertContains(all, "id='b'", "id='c'");
        assertFalse(xml(all).contains("id='a'"), xml(all));
        IQ newest = romeo.request(new RawIq(IQ.Type.get, null, "pubsub", Pep.NS, "<items node='" + node + "' max_items='1'/>"));
        assertContains(newest, "id='c'");
        assertFalse(xml(newest).contains("id='b'"), xml(newest));
        IQ byId = Pep.items(romeo, null, node, "<item id='b'/>");
        assertContains(byId, "id='b'", ">2<");
        assertFalse(xml(byId).contains("id='c'"), xml(byId));
    }

    @Test
    void maxItemsMaxKeepsEveryItemUpToTheLimit() {
        TestClient romeo = server.newUser();
        String node = "urn:example:many";
        for (int i = 0; i < 5; i++) {
            assertResult(Pep.publish(romeo, node, "i" + i, "<e xmlns='urn:example'/>", options("max_items=max")));
        }
        assertContains(Pep.items(romeo, null, node, null), "id='i0'", "id='i4'");
    }

    @Test
    void publishOptionsThatDifferFromTheNodeAreAPreconditionNotMet() {
        TestClient romeo = server.newUser();
        String node = "urn:example:opts";
        assertResult(Pep.publish(romeo, node, "1", "<e xmlns='urn:example'/>", null));
        // XEP-0060 §7.1.5: the node has the default access model (presence), not open.
        assertError(Pep.publish(romeo, node, "2", "<e xmlns='urn:example'/>", options("access_model=open")),
                StanzaError.Condition.conflict, "precondition-not-met");
        assertResult(Pep.publish(romeo, node, "3", "<e xmlns='urn:example'/>", options("access_model=presence")));
        assertError(Pep.publish(romeo, node, "4", "<e xmlns='urn:example'/>", options("unknown_option=1")),
                StanzaError.Condition.conflict, "precondition-not-met");
    }

    @Test
    void publishingToAnotherUsersPepIsForbidden() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        assertError(Pep.publishTo(romeo, juliet.account().jid().toBareJID(), TUNE, tune("Mine")),
                StanzaError.Condition.forbidden, null);
        assertError(Pep.items(juliet, null, TUNE, null), StanzaError.Condition.item_not_found, null);
    }

    @Test
    void tooBigAnItemIsNotAcceptable() {
        TestClient romeo = server.newUser();
        String big = "<e xmlns='urn:example'>" + "x".repeat(3000) + "</e>";
        assertError(Pep.publish(romeo, "urn:example:big", "1", big, null), StanzaError.Condition.not_acceptable, "payload-too-big");
    }

    @Test
    void aSixthNodeIsOverTheLimit() {
        TestClient romeo = server.newUser();
        for (int i = 0; i < 5; i++) {
            assertResult(Pep.publish(romeo, "urn:example:n" + i, "1", "<e xmlns='urn:example'/>", null));
        }
        IQ sixth = Pep.publish(romeo, "urn:example:n5", "1", "<e xmlns='urn:example'/>", null);
        assertTrue(sixth.getType() == IQ.Type.error && xml(sixth).contains("policy-violation"), xml(sixth));
        assertResult(Pep.publish(romeo, "urn:example:n4", "2", "<e xmlns='urn:example'/>", null));
    }

    @Test
    void anUnsupportedRequestIsFeatureNotImplementedWithTheFeature() {
        TestClient romeo = server.newUser();
        IQ options = romeo.request(new RawIq(IQ.Type.get, null, "pubsub", Pep.NS, "<options node='x' jid='" + romeo.jid() + "'/>"));
        assertError(options, StanzaError.Condition.feature_not_implemented, "unsupported");
        assertContains(options, "feature='subscription-options'");
    }

    @Test
    void theOwnersOtherResourcesGetTheEventAndSoDoesThePublisher() {
        var account = server.newAccount();
        TestClient phone = server.login(account, "phone");
        TestClient laptop = server.login(account, "laptop");
        Pep.wantNotifications(laptop, TUNE);
        assertResult(Pep.publish(phone, TUNE, "own", tune("Let it be"), null));
        laptop.receivesMessage(m -> Pep.isItemEvent(m, phone, TUNE, "own"));
    }

    @Test
    void retractTellsTheOwnerAndDeleteRemovesTheNode() {
        var account = server.newAccount();
        TestClient phone = server.login(account, "phone");
        TestClient laptop = server.login(account, "laptop");
        String node = "urn:example:retract";
        Pep.wantNotifications(laptop, node);
        assertResult(Pep.publish(phone, node, "r1", "<e xmlns='urn:example'/>", null));
        laptop.receivesMessage(m -> Pep.isItemEvent(m, phone, node, "r1"));
        assertResult(phone.request(new RawIq(IQ.Type.set, null, "pubsub", Pep.NS,
                "<retract node='" + node + "' notify='true'><item id='r1'/></retract>")));
        laptop.receivesMessage(m -> Pep.isEvent(m, node, "retract id='r1'"));
        assertError(phone.request(new RawIq(IQ.Type.set, null, "pubsub", Pep.NS,
                "<retract node='" + node + "'><item id='r1'/></retract>")), StanzaError.Condition.item_not_found, null);
        assertResult(Pep.owner(phone, IQ.Type.set, "<delete node='" + node + "'/>"));
        laptop.receivesMessage(m -> Pep.isEvent(m, node, "delete"));
        assertError(Pep.items(phone, null, node, null), StanzaError.Condition.item_not_found, null);
    }

    @Test
    void theOwnersAffiliationsAndSubscriptionsList() {
        TestClient romeo = server.newUser();
        assertResult(Pep.publish(romeo, TUNE, "1", tune("Girl"), null));
        IQ affiliations = romeo.request(new RawIq(IQ.Type.get, null, "pubsub", Pep.NS, "<affiliations/>"));
        assertContains(affiliations, "node='" + TUNE + "'", "affiliation='owner'");
        IQ subscriptions = romeo.request(new RawIq(IQ.Type.get, null, "pubsub", Pep.NS, "<subscriptions/>"));
        assertResult(subscriptions);
        assertContains(subscriptions, "<subscriptions");
    }

    @Test
    void aDeletedAccountsNodesAreGoneWhenTheNameIsTakenAgain() throws Exception {
        var account = server.newAccount();
        TestClient romeo = server.login(account);
        assertResult(Pep.publish(romeo, TUNE, "old", tune("Before"), null));
        romeo.close();
        server.server().accounts().delete(account.jid());
        server.server().accounts().create(account.jid(), account.password());
        TestClient again = server.login(account);
        assertError(Pep.items(again, null, TUNE, null), StanzaError.Condition.item_not_found, null);
    }

    @Test
    void noNotificationForAnEventTheContactDidNotAskFor() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        TestClient nurse = server.newUser();
        romeo.befriend(juliet);
        romeo.befriend(nurse);
        Pep.wantNotifications(nurse, TUNE);
        assertResult(Pep.publish(romeo, TUNE, "quiet", tune("Silence"), null));
        nurse.receivesMessage(m -> Pep.isItemEvent(m, romeo, TUNE, "quiet"));
        juliet.receivesNothing(Message.class, m -> Pep.isItemEvent(m, romeo, TUNE, "quiet"), QUIET);
    }
}
