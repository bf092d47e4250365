package im.parley.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.disco.DiscoModule;
import im.parley.module.privatestorage.PrivateStorageModule;
import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.util.List;
import java.util.Set;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.bookmarks.BookmarkManager;
import org.jivesoftware.smackx.bookmarks.BookmarkedConference;
import org.jivesoftware.smackx.iqprivate.PrivateDataManager;
import org.jivesoftware.smackx.iqprivate.packet.DefaultPrivateData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/** Private XML storage (XEP-0049) between real clients, with small limits to reach them. */
class PrivateStorageTest {
    private static final String NS = PrivateStorageModule.NS;

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new PrivateStorageModule())
            .yaml("private:\n  max_size: 4KiB\n  max_documents: 3").build();

    @Test
    void storedDataComesBackToEverySessionOfTheAccount() throws Exception {
        Account account = server.newAccount();
        TestClient laptop = server.login(account, "laptop");
        TestClient phone = server.login(account, "phone");
        DefaultPrivateData prefs = new DefaultPrivateData("prefs", "urn:example:prefs");
        prefs.setValue("theme", "dark \uD83C\uDF19");
        prefs.setValue("font", "Fira Code");

        data(laptop).setPrivateData(prefs);

        DefaultPrivateData read = (DefaultPrivateData) data(phone).getPrivateData("prefs", "urn:example:prefs");
        assertEquals("dark \uD83C\uDF19", read.getValue("theme"));
        assertEquals("Fira Code", read.getValue("font"));
    }

    @Test
    void nothingStoredGivesTheEmptyElementBack() throws Exception {
        TestClient romeo = server.newUser();

        DefaultPrivateData read = (DefaultPrivateData) data(romeo).getPrivateData("prefs", "urn:example:nothing");

        assertEquals(Set.of(), read.getNames());
        assertEquals("urn:example:nothing", read.getNamespace());
    }

    @Test
    void bookmarksKeptByOneSessionAreSeenByAnother() throws Exception {
        Account account = server.newAccount();
        TestClient laptop = server.login(account, "laptop");
        TestClient phone = server.login(account, "phone");

        BookmarkManager.getBookmarkManager(laptop.connection()).addBookmarkedConference("Verona",
                JidCreate.entityBareFrom("verona@conference.localhost"), true, Resourcepart.from("romeo"), null);

        List<BookmarkedConference> seen = BookmarkManager.getBookmarkManager(phone.connection()).getBookmarkedConferences();
        assertEquals(1, seen.size());
        assertEquals("Verona", seen.get(0).getName());
        assertEquals("verona@conference.localhost", seen.get(0).getJid().toString());
        assertTrue(seen.get(0).isAutoJoin());
    }

    @Test
    void oneSetMayHoldSeveralElements() throws Exception {
        TestClient romeo = server.newUser();

        IQ stored = romeo.request(set("<a xmlns='urn:example:multi'><v>1</v></a><b xmlns='urn:example:multi'><v>2</v></b>"));

        assertEquals(IQ.Type.result, stored.getType());
        assertEquals("1", value(romeo, "a", "urn:example:multi", "v"));
        assertEquals("2", value(romeo, "b", "urn:example:multi", "v"));
    }

    @Test
    void escapedTextAndForeignNamespacesInsideComeBackIntact() throws Exception {
        TestClient romeo = server.newUser();

        romeo.request(set("<n xmlns='urn:example:text' xmlns:o='urn:other'><v>Fira &amp; Co &lt;mono&gt;</v>"
                + "<o:w>other</o:w></n>"));

        assertEquals("Fira & Co <mono>", value(romeo, "n", "urn:example:text", "v"));
        assertEquals("other", value(romeo, "n", "urn:example:text", "w"));
    }

    @Test
    void elementsAreKeptByNamespaceAndName() throws Exception {
        TestClient romeo = server.newUser();
        DefaultPrivateData lower = new DefaultPrivateData("prefs", "urn:example:case");
        lower.setValue("v", "lower");
        DefaultPrivateData upper = new DefaultPrivateData("prefs", "urn:example:CASE");
        upper.setValue("v", "upper");
        data(romeo).setPrivateData(lower);
        data(romeo).setPrivateData(upper);

        assertEquals("lower", ((DefaultPrivateData) data(romeo).getPrivateData("prefs", "urn:example:case")).getValue("v"));
        assertEquals("upper", ((DefaultPrivateData) data(romeo).getPrivateData("prefs", "urn:example:CASE")).getValue("v"));
        assertNull(((DefaultPrivateData) data(romeo).getPrivateData("other", "urn:example:case")).getValue("v"));
    }

    @Test
    void otherAccountsCanNeitherReadNorWrite() throws Exception {
        TestClient romeo = server.newUser();
        TestClient tybalt = server.newUser();
        DefaultPrivateData secret = new DefaultPrivateData("diary", "urn:example:diary");
        secret.setValue("entry", "Juliet");
        data(romeo).setPrivateData(secret);
        String romeoJid = romeo.account().jid().toString();

        IQ read = tybalt.request(new RawIq(IQ.Type.get, romeoJid, "query", NS, "<diary xmlns='urn:example:diary'/>"));
        IQ write = tybalt.request(new RawIq(IQ.Type.set, romeoJid, "query", NS,
                "<diary xmlns='urn:example:diary'><entry>Rosaline</entry></diary>"));

        // XEP-0049 §2.3: forbidden (or service-unavailable); forbidden is the preferred one.
        assertEquals(StanzaError.Condition.forbidden, read.getError().getCondition());
        assertEquals(StanzaError.Condition.forbidden, write.getError().getCondition());
        assertEquals("Juliet", ((DefaultPrivateData) data(romeo).getPrivateData("diary", "urn:example:diary")).getValue("entry"));
    }

    @Test
    void anAccountMayAddressItsOwnBareJid() throws Exception {
        TestClient romeo = server.newUser();
        String own = romeo.account().jid().toString();

        IQ stored = romeo.request(new RawIq(IQ.Type.set, own, "query", NS, "<n xmlns='urn:example:own'><v>mine</v></n>"));
        IQ read = romeo.request(new RawIq(IQ.Type.get, own, "query", NS, "<n xmlns='urn:example:own'/>"));

        assertEquals(IQ.Type.result, stored.getType());
        assertEquals(IQ.Type.result, read.getType());
        assertEquals("mine", value(romeo, "n", "urn:example:own", "v"));
    }

    @Test
    void fragmentsWithoutANamespaceOfTheirOwnAreNotAcceptable() {
        TestClient romeo = server.newUser();

        for (String fragment : List.of("<inherits>jabber:iq:private</inherits>", "<none xmlns=''>x</none>",
                "<message xmlns='jabber:client'>x</message>", "<iq xmlns='jabber:server'>x</iq>",
                "<query xmlns='jabber:iq:private'>x</query>")) {
            assertEquals(StanzaError.Condition.not_acceptable, errorOf(romeo, set(fragment)), fragment);
            assertEquals(StanzaError.Condition.not_acceptable, errorOf(romeo, get(fragment)), fragment);
        }
    }

    @Test
    void aQueryWithoutAnElementIsNotAcceptable() {
        TestClient romeo = server.newUser();

        // XEP-0049 §2.3: at least one child MUST be included, else "Not Acceptable".
        assertEquals(StanzaError.Condition.not_acceptable, errorOf(romeo, new RawIq(IQ.Type.set, null, "query", NS, null)));
        assertEquals(StanzaError.Condition.not_acceptable, errorOf(romeo, new RawIq(IQ.Type.get, null, "query", NS, null)));
    }

    @Test
    void aGetForTwoNamespacesIsABadRequest() {
        TestClient romeo = server.newUser();

        assertEquals(StanzaError.Condition.bad_request, errorOf(romeo, get("<a xmlns='urn:one'/><b xmlns='urn:two'/>")));
    }

    @Test
    void anElementOverTheSizeLimitIsNotAcceptableAndTheStreamGoesOn() throws Exception {
        TestClient romeo = server.newUser();
        DefaultPrivateData big = new DefaultPrivateData("big", "urn:example:big");
        big.setValue("blob", "x".repeat(5000));

        XMPPException.XMPPErrorException refused = assertThrows(XMPPException.XMPPErrorException.class,
                () -> data(romeo).setPrivateData(big));

        assertEquals(StanzaError.Condition.not_acceptable, refused.getStanzaError().getCondition());
        assertTrue(refused.getStanzaError().getDescriptiveText().contains("at most 4096 bytes"),
                refused.getStanzaError().getDescriptiveText());
        assertEquals(Set.of(), ((DefaultPrivateData) data(romeo).getPrivateData("big", "urn:example:big")).getNames());
        big.setValue("blob", "small");
        data(romeo).setPrivateData(big);
        assertEquals("small", ((DefaultPrivateData) data(romeo).getPrivateData("big", "urn:example:big")).getValue("blob"));
    }

    @Test
    void anAccountKeepsAtMostTheConfiguredNumberOfElements() {
        TestClient romeo = server.newUser();
        for (String name : List.of("one", "two", "three")) {
            assertEquals(IQ.Type.result, romeo.request(set("<" + name + " xmlns='urn:example:count'>1</" + name + ">")).getType());
        }

        assertEquals(StanzaError.Condition.not_acceptable, errorOf(romeo, set("<four xmlns='urn:example:count'>1</four>")));
        assertEquals(IQ.Type.result, romeo.request(set("<two xmlns='urn:example:count'>updated</two>")).getType());
        // Storing an empty element deletes, which frees a place.
        assertEquals(IQ.Type.result, romeo.request(set("<one xmlns='urn:example:count'/>")).getType());
        assertEquals(IQ.Type.result, romeo.request(set("<four xmlns='urn:example:count'>1</four>")).getType());
        assertEquals(StanzaError.Condition.not_acceptable, errorOf(romeo, set("<five xmlns='urn:example:count'>1</five>")));
    }

    @Test
    void privateDataIsGoneWhenTheAccountIsDeleted() throws Exception {
        Account account = server.newAccount();
        TestClient romeo = server.login(account);
        DefaultPrivateData prefs = new DefaultPrivateData("prefs", "urn:example:prefs");
        prefs.setValue("theme", "dark");
        data(romeo).setPrivateData(prefs);
        romeo.close();

        server.server().accounts().delete(account.jid());
        server.server().accounts().create(account.jid(), account.password());

        TestClient again = server.login(account);
        assertEquals(Set.of(), ((DefaultPrivateData) data(again).getPrivateData("prefs", "urn:example:prefs")).getNames());
    }

    private static PrivateDataManager data(TestClient client) {
        return PrivateDataManager.getInstanceFor(client.connection());
    }

    /** A value of a stored element, as Smack's default parsing of private data reads it. */
    private static String value(TestClient client, String element, String namespace, String name) throws Exception {
        return ((DefaultPrivateData) data(client).getPrivateData(element, namespace)).getValue(name);
    }

    private static RawIq set(String fragments) {
        return new RawIq(IQ.Type.set, null, "query", NS, fragments);
    }

    private static RawIq get(String fragments) {
        return new RawIq(IQ.Type.get, null, "query", NS, fragments);
    }

    private static StanzaError.Condition errorOf(TestClient client, RawIq request) {
        IQ answer = client.request(request);
        // A lazy message: Smack cannot serialize a jabber:iq:private answer without an element.
        assertEquals(IQ.Type.error, answer.getType(), answer::toString);
        return answer.getError().getCondition();
    }
}
