package im.parley.module.pep;

import static im.parley.module.pep.Pep.assertContains;
import static im.parley.module.pep.Pep.assertError;
import static im.parley.module.pep.Pep.assertResult;
import static im.parley.module.pep.Pep.options;
import static im.parley.module.pep.Pep.xml;
import static org.junit.jupiter.api.Assertions.assertFalse;

import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.time.Duration;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;

/** XEP-0060 access models on PEP nodes, node configuration forms, and the last item sent to contacts. */
class PepAccessTest {
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final String NODE = "urn:example:status";

    @RegisterExtension
    static final ParleyServer server = Pep.builder().build();

    // Smack keeps caps in static caches for the whole JVM; later test classes run servers on the same domain.
    @org.junit.jupiter.api.AfterAll
    static void forgetCachedCaps() {
        org.jivesoftware.smackx.caps.EntityCapsManager.clearMemoryCache();
    }

    private static String bare(TestClient c) {
        return c.account().jid().toBareJID();
    }

    private static String payload(String text) {
        return "<status xmlns='urn:example'>" + text + "</status>";
    }

    @Test
    void presenceNodesAreForContactsOnly() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        TestClient tybalt = server.newUser();
        romeo.befriend(juliet);
        assertResult(Pep.publish(romeo, NODE, "1", payload("hi"), null));
        assertContains(Pep.items(juliet, bare(romeo), NODE, null), "<status");
        assertError(Pep.items(tybalt, bare(romeo), NODE, null), StanzaError.Condition.not_authorized, "presence-subscription-required");
    }

    @Test
    void openNodesAreForEveryone() {
        TestClient romeo = server.newUser();
        TestClient tybalt = server.newUser();
        assertResult(Pep.publish(romeo, NODE, "1", payload("open"), options("access_model=open")));
        assertContains(Pep.items(tybalt, bare(romeo), NODE, null), ">open<");
    }

    @Test
    void discoShowsTheNodesARequesterMaySee() {
        TestClient romeo = server.newUser();
        TestClient tybalt = server.newUser();
        assertResult(Pep.publish(romeo, NODE, "1", payload("open"), options("access_model=open")));
        assertResult(Pep.publish(romeo, "urn:example:hidden", "1", payload("closed"), options("access_model=whitelist")));
        IQ info = tybalt.request(new RawIq(IQ.Type.get, bare(romeo), "query", "http://jabber.org/protocol/disco#info", null)
                .attribute("node", NODE));
        assertContains(info, "category='pubsub'", "type='leaf'", "<value>open</value>");
        IQ items = tybalt.request(new RawIq(IQ.Type.get, bare(romeo), "query", "http://jabber.org/protocol/disco#items", null));
        assertContains(items, "node='" + NODE + "'");
        assertFalse(xml(items).contains("urn:example:hidden"), xml(items));
        assertError(tybalt.request(new RawIq(IQ.Type.get, bare(romeo), "query", "http://jabber.org/protocol/disco#info", null)
                .attribute("node", "urn:example:hidden")), StanzaError.Condition.item_not_found, null);
        IQ account = tybalt.request(new RawIq(IQ.Type.get, bare(romeo), "query", "http://jabber.org/protocol/disco#info", null));
        assertContains(account, "category='pubsub'", "type='pep'", "http://jabber.org/protocol/pubsub#publish-options",
                "http://jabber.org/protocol/pubsub#access-whitelist");
    }

    @Test
    void whitelistNodesAreForTheOwnerAndMembers() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        TestClient nurse = server.newUser();
        romeo.befriend(juliet);
        assertResult(Pep.publish(romeo, NODE, "1", payload("secret"), options("access_model=whitelist")));
        assertContains(Pep.items(romeo, null, NODE, null), ">secret<");
        assertError(Pep.items(juliet, bare(romeo), NODE, null), StanzaError.Condition.not_allowed, "closed-node");
        assertResult(Pep.owner(romeo, IQ.Type.set, "<affiliations node='" + NODE + "'><affiliation jid='" + bare(nurse)
                + "' affiliation='member'/></affiliations>"));
        assertContains(Pep.owner(romeo, IQ.Type.get, "<affiliations node='" + NODE + "'/>"), "jid='" + bare(nurse) + "'",
                "affiliation='member'");
        assertContains(Pep.items(nurse, bare(romeo), NODE, null), ">secret<");
    }

    @Test
    void rosterNodesAreForTheAllowedGroups() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        TestClient mercutio = server.newUser();
        romeo.befriend(juliet);
        romeo.befriend(mercutio);
        Roster.getInstanceFor(romeo.connection()).createItem((BareJid) Jids.smack(bare(juliet)), "Juliet", new String[] {"Family"});
        romeo.sync();
        assertResult(Pep.publish(romeo, NODE, "1", payload("family"), null));
        assertResult(Pep.owner(romeo, IQ.Type.set, "<configure node='" + NODE + "'>" + Pep.form(Pep.NS + "#node_config",
                "access_model=roster", "roster_groups_allowed=Family") + "</configure>"));
        assertContains(Pep.items(juliet, bare(romeo), NODE, null), ">family<");
        assertError(Pep.items(mercutio, bare(romeo), NODE, null), StanzaError.Condition.not_authorized, "not-in-roster-group");
    }

    @Test
    void theConfigurationFormShowsAndChangesTheNode() {
        TestClient romeo = server.newUser();
        assertResult(Pep.publish(romeo, NODE, "1", payload("a"), null));
        IQ form = Pep.owner(romeo, IQ.Type.get, "<configure node='" + NODE + "'/>");
        assertContains(form, "var='FORM_TYPE'", "http://jabber.org/protocol/pubsub#node_config", "var='pubsub#access_model'",
                "<value>presence</value>", "var='pubsub#max_items'");
        assertError(Pep.owner(romeo, IQ.Type.set, "<configure node='" + NODE + "'>" + Pep.form(Pep.NS + "#node_config",
                "access_model=everybody") + "</configure>"), StanzaError.Condition.bad_request, null);
        assertError(Pep.owner(romeo, IQ.Type.set, "<configure node='" + NODE + "'/>"), StanzaError.Condition.bad_request, null);
        assertResult(Pep.owner(romeo, IQ.Type.set, "<configure node='" + NODE + "'>" + Pep.form(Pep.NS + "#node_config",
                "access_model=open", "max_items=5") + "</configure>"));
        assertContains(Pep.owner(romeo, IQ.Type.get, "<configure node='" + NODE + "'/>"), "<value>open</value>");
        // The changed node now takes matching publish-options.
        assertResult(Pep.publish(romeo, NODE, "2", payload("b"), options("access_model=open")));
        IQ defaults = Pep.owner(romeo, IQ.Type.get, "<default/>");
        assertContains(defaults, "var='pubsub#access_model'", "<value>presence</value>");
    }

    @Test
    void anotherUsersNodeConfigurationIsForbidden() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        assertResult(Pep.publish(romeo, NODE, "1", payload("a"), null));
        assertError(juliet.request(new RawIq(IQ.Type.get, bare(romeo), "pubsub", Pep.OWNER, "<configure node='" + NODE + "'/>")),
                StanzaError.Condition.forbidden, null);
        assertError(juliet.request(new RawIq(IQ.Type.set, bare(romeo), "pubsub", Pep.OWNER, "<delete node='" + NODE + "'/>")),
                StanzaError.Condition.forbidden, null);
    }

    @Test
    void aContactComingOnlineWithNotifyGetsTheLastItem() {
        TestClient romeo = server.newUser();
        Account julietAccount = server.newAccount();
        TestClient juliet = server.login(julietAccount, "first");
        romeo.befriend(juliet);
        assertResult(Pep.publish(romeo, NODE, "old", payload("1"), null));
        assertResult(Pep.publish(romeo, NODE, "last", payload("2"), null));
        TestClient later = server.login(julietAccount, "second");
        Pep.wantNotifications(later, NODE);
        Message last = later.receivesMessage(m -> Pep.isItemEvent(m, romeo, NODE, "last"));
        assertFalse(last.toXML().toString().contains("old"), last.toXML().toString());
    }

    @Test
    void anApprovedContactGetsTheLastItem() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        Pep.wantNotifications(juliet, NODE);
        assertResult(Pep.publish(romeo, NODE, "before", payload("x"), null));
        juliet.subscription(romeo.account().jid(), org.jivesoftware.smack.packet.Presence.Type.subscribe);
        romeo.receives(org.jivesoftware.smack.packet.Presence.class, p -> p.getType() == org.jivesoftware.smack.packet.Presence.Type.subscribe);
        juliet.receivesNothing(Message.class, m -> Pep.isItemEvent(m, romeo, NODE, "before"), QUIET);
        romeo.subscription(juliet.account().jid(), org.jivesoftware.smack.packet.Presence.Type.subscribed);
        juliet.receivesMessage(m -> Pep.isItemEvent(m, romeo, NODE, "before"));
    }

    @Test
    void aWhitelistNodesEventsSkipContactsOffTheList() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        TestClient nurse = server.newUser();
        romeo.befriend(juliet);
        romeo.befriend(nurse);
        Pep.wantNotifications(juliet, NODE);
        Pep.wantNotifications(nurse, NODE);
        assertResult(Pep.publish(romeo, NODE, "w0", payload("x"), options("access_model=whitelist")));
        assertResult(Pep.owner(romeo, IQ.Type.set, "<affiliations node='" + NODE + "'><affiliation jid='" + bare(nurse)
                + "' affiliation='member'/></affiliations>"));
        assertResult(Pep.publish(romeo, NODE, "w1", payload("y"), null));
        nurse.receivesMessage(m -> Pep.isItemEvent(m, romeo, NODE, "w1"));
        juliet.receivesNothing(Message.class, m -> text(m).contains("urn:example"), QUIET);
    }

    private static String text(Message m) {
        return m.toXML().toString();
    }
}
