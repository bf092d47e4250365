package im.parley.module.im;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.util.Set;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** Roster get, set, remove, pushes and versioning (RFC 6121 §2), and the errors of bad roster sets. */
class RosterTest {
    @RegisterExtension
    static final ParleyServer server = ImServer.builder().yaml("roster:\n  max_items: 3\n  max_name_length: 20").build();

    private static IQ rosterSet(TestClient client, String items) {
        return client.request(new RawIq(IQ.Type.set, null, "query", "jabber:iq:roster", items));
    }

    @Test
    void itemsArePushedToEveryInterestedResource() throws Exception {
        Account juliet = server.newAccount();
        TestClient phone = server.login(juliet, "phone");
        TestClient laptop = server.login(juliet, "laptop");
        Roster laptopRoster = Roster.getInstanceFor(laptop.connection());
        Roster.getInstanceFor(phone.connection()).createItem(JidCreate.entityBareFrom("nurse@localhost"), "Nurse", new String[] {"Servants"});
        // Smack shows a pushed entry before it has filed it in its groups; wait for both.
        Await.until("the laptop got the push", () -> laptopRoster.getEntry(nurse()) != null
                && !laptopRoster.getEntry(nurse()).getGroups().isEmpty());
        RosterEntry pushed = laptopRoster.getEntry(nurse());
        assertEquals("Nurse", pushed.getName());
        assertEquals(RosterPacket.ItemType.none, pushed.getType());
        assertEquals("Servants", pushed.getGroups().get(0).getName());
    }

    @Test
    void versioningAnswersEmptyWhenNothingChanged() {
        TestClient juliet = server.newUser();
        IQ first = juliet.request(new VersionedGet(""));
        String version = ((RosterPacket) first).getVersion();
        IQ same = juliet.request(new VersionedGet(version));
        assertEquals(IQ.Type.result, same.getType());
        assertTrue(!(same instanceof RosterPacket), "an empty result, not a roster: " + same.toXML());
    }

    @Test
    void badRosterSetsGetTheirErrors() {
        TestClient juliet = server.newUser();
        assertEquals(StanzaError.Condition.bad_request, rosterSet(juliet,
                "<item jid='a@localhost'/><item jid='b@localhost'/>").getError().getCondition());
        assertEquals(StanzaError.Condition.bad_request, rosterSet(juliet,
                "<item jid='a@localhost'><group>x</group><group>x</group></item>").getError().getCondition());
        assertEquals(StanzaError.Condition.not_acceptable, rosterSet(juliet,
                "<item jid='a@localhost'><group></group></item>").getError().getCondition());
        assertEquals(StanzaError.Condition.not_acceptable, rosterSet(juliet,
                "<item jid='a@localhost' name='a name that is far too long'/>").getError().getCondition());
        assertEquals(StanzaError.Condition.jid_malformed, rosterSet(juliet,
                "<item jid='a@@localhost'/>").getError().getCondition());
        assertEquals(StanzaError.Condition.not_allowed, rosterSet(juliet,
                "<item jid='" + juliet.account().jid() + "'/>").getError().getCondition());
        assertEquals(StanzaError.Condition.item_not_found, rosterSet(juliet,
                "<item jid='never@localhost' subscription='remove'/>").getError().getCondition());
        IQ other = juliet.request(new RawIq(IQ.Type.set, "someone@localhost", "query", "jabber:iq:roster", "<item jid='a@localhost'/>"));
        assertTrue(other.getError().getCondition() == StanzaError.Condition.forbidden
                || other.getError().getCondition() == StanzaError.Condition.service_unavailable, other.toXML().toString());
    }

    @Test
    void theRosterSizeIsLimited() {
        TestClient juliet = server.newUser();
        for (int i = 0; i < 3; i++) {
            assertEquals(IQ.Type.result, rosterSet(juliet, "<item jid='c" + i + "@localhost'/>").getType());
        }
        IQ full = rosterSet(juliet, "<item jid='c9@localhost'/>");
        assertEquals(StanzaError.Condition.not_allowed, full.getError().getCondition());
        // Changing an existing item still works.
        assertEquals(IQ.Type.result, rosterSet(juliet, "<item jid='c0@localhost' name='zero'/>").getType());
    }

    @Test
    void removingAnItemPushesTheRemoval() throws Exception {
        TestClient juliet = server.newUser();
        Roster roster = Roster.getInstanceFor(juliet.connection());
        roster.createItem(JidCreate.entityBareFrom("tybalt@localhost"), "Tybalt", new String[0]);
        Await.until("the item was pushed", () -> roster.getEntry(tybalt()) != null);
        roster.removeEntry(roster.getEntry(tybalt()));
        Await.until("the removal was pushed", () -> roster.getEntry(tybalt()) == null);
        assertNull(roster.getEntry(JidCreate.entityBareFrom("tybalt@localhost")));
        assertEquals(Set.of(), Set.copyOf(roster.getEntries()));
    }

    private static org.jxmpp.jid.EntityBareJid nurse() {
        return org.jxmpp.jid.impl.JidCreate.entityBareFromOrThrowUnchecked("nurse@localhost");
    }

    private static org.jxmpp.jid.EntityBareJid tybalt() {
        return org.jxmpp.jid.impl.JidCreate.entityBareFromOrThrowUnchecked("tybalt@localhost");
    }

    /** A roster get carrying the version the client has (RFC 6121 §2.6). */
    private static final class VersionedGet extends IQ {
        private final String version;

        VersionedGet(String version) {
            super("query", "jabber:iq:roster");
            this.version = version;
            setType(Type.get);
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.attribute("ver", version);
            xml.setEmptyElement();
            return xml;
        }
    }
}
