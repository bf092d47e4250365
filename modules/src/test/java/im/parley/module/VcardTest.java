package im.parley.module;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.disco.DiscoModule;
import im.parley.module.vcard.VcardModule;
import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import javax.xml.namespace.QName;
import org.jxmpp.JxmppContext;
import org.jxmpp.jid.EntityBareJid;

/** vcard-temp (XEP-0054) and vCard-based avatars (XEP-0153) between real clients, with the default limits. */
class VcardTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new VcardModule()).build();

    private static final Random RANDOM = new Random(153);

    @Test
    void aContactReadsTheSamePhotoBytesAndHash() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        byte[] photo = photo(6000);
        VCard card = new VCard();
        card.setFirstName("Romeo");
        card.setNickName("romeo \uD83C\uDF39");
        card.setAvatar(photo, "image/png");

        cards(romeo).saveVCard(card);

        VCard read = cards(juliet).loadVCard(bare(romeo));
        assertEquals("Romeo", read.getFirstName());
        assertEquals("romeo \uD83C\uDF39", read.getNickName());
        assertEquals("image/png", read.getAvatarMimeType());
        assertArrayEquals(photo, read.getAvatar());
        // XEP-0153 §3.1: the hash contacts announce and compare is the hex SHA-1 of the image bytes.
        assertEquals(sha1(photo), read.getAvatarHash());
    }

    @Test
    void anUpdateReplacesTheWholeVcard() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        VCard first = new VCard();
        first.setNickName("first");
        first.setAvatar(photo(500), "image/jpeg");
        cards(romeo).saveVCard(first);
        VCard second = new VCard();
        second.setNickName("second");

        cards(romeo).saveVCard(second);

        VCard read = cards(juliet).loadVCard(bare(romeo));
        assertEquals("second", read.getNickName());
        assertNull(read.getAvatar(), "the photo went with the old vCard");
    }

    @Test
    void anAccountReadsItsOwnVcardWithoutToAndAtItsBareJid() throws Exception {
        TestClient romeo = server.newUser();
        VCard card = new VCard();
        card.setEmailHome("romeo@verona.example");
        cards(romeo).saveVCard(card);

        assertEquals("romeo@verona.example", cards(romeo).loadVCard().getEmailHome());
        assertEquals("romeo@verona.example", cards(romeo).loadVCard(bare(romeo)).getEmailHome());
    }

    @Test
    void anAccountWithoutAVcardHasAnEmptyOne() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();

        IQ own = romeo.request(new RawIq(IQ.Type.get, null, "vCard", VcardModule.NS, null));
        IQ other = juliet.request(new RawIq(IQ.Type.get, romeo.account().jid().toString(), "vCard", VcardModule.NS, null));

        for (IQ answer : new IQ[] {own, other}) {
            VCard empty = (VCard) answer;
            assertEquals(IQ.Type.result, empty.getType());
            assertNull(empty.getNickName());
            assertNull(empty.getAvatar());
        }
    }

    @Test
    void clearingWithAnEmptyVcardLeavesAnEmptyOne() throws Exception {
        TestClient romeo = server.newUser();
        VCard card = new VCard();
        card.setNickName("soon gone");
        cards(romeo).saveVCard(card);

        IQ cleared = romeo.request(new RawIq(IQ.Type.set, null, "vCard", VcardModule.NS, null));

        assertEquals(IQ.Type.result, cleared.getType());
        assertNull(cards(romeo).loadVCard().getNickName());
    }

    @Test
    void aVcardOfAnAccountThatDoesNotExistIsServiceUnavailable() {
        TestClient juliet = server.newUser();

        IQ answer = juliet.request(new RawIq(IQ.Type.get, "nobody-" + System.nanoTime() + "@" + server.domain(),
                "vCard", VcardModule.NS, null));

        assertEquals(StanzaError.Condition.service_unavailable, answer.getError().getCondition());
    }

    @Test
    void nobodyChangesAnotherAccountsVcard() throws Exception {
        TestClient romeo = server.newUser();
        TestClient tybalt = server.newUser();
        VCard card = new VCard();
        card.setNickName("Romeo");
        cards(romeo).saveVCard(card);

        IQ answer = tybalt.request(new RawIq(IQ.Type.set, romeo.account().jid().toString(), "vCard", VcardModule.NS,
                "<NICKNAME>villain</NICKNAME>"));

        assertEquals(StanzaError.Condition.forbidden, answer.getError().getCondition());
        assertEquals("Romeo", cards(tybalt).loadVCard(bare(romeo)).getNickName());
    }

    @Test
    void anOversizedVcardIsNotAcceptableAndTheStreamGoesOn() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        VCard huge = new VCard();
        huge.setNickName("huge");
        // 150 KiB of image is 200 KiB of base64: over the 192 KiB default, under the 256 KiB stanza limit.
        huge.setAvatar(photo(150 * 1024), "image/png");

        XMPPException.XMPPErrorException refused = assertThrows(XMPPException.XMPPErrorException.class,
                () -> cards(romeo).saveVCard(huge));

        assertEquals(StanzaError.Condition.not_acceptable, refused.getStanzaError().getCondition());
        assertTrue(refused.getStanzaError().getDescriptiveText().contains("at most 196608 bytes"),
                refused.getStanzaError().getDescriptiveText());
        assertTrue(romeo.isConnected());
        VCard small = new VCard();
        small.setNickName("small");
        small.setAvatar(photo(1000), "image/png");
        cards(romeo).saveVCard(small);
        assertEquals("small", cards(juliet).loadVCard(bare(romeo)).getNickName());
    }

    @Test
    void malformedVcardsAreBadRequests() throws Exception {
        TestClient romeo = server.newUser();

        IQ text = romeo.request(new RawIq(IQ.Type.set, null, "vCard", VcardModule.NS, "just some text"));
        IQ notBase64 = romeo.request(new RawIq(IQ.Type.set, null, "vCard", VcardModule.NS,
                "<PHOTO><TYPE>image/png</TYPE><BINVAL>not*base64!</BINVAL></PHOTO>"));

        assertEquals(StanzaError.Condition.bad_request, text.getError().getCondition());
        assertEquals(StanzaError.Condition.bad_request, notBase64.getError().getCondition());
        assertNull(cards(romeo).loadVCard().getAvatar(), "nothing was stored");
    }

    @Test
    void thePhotoHashInPresenceReachesContactsUnchanged() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        byte[] photo = photo(3000);
        VCard card = new VCard();
        card.setAvatar(photo, "image/png");
        cards(romeo).saveVCard(card);

        romeo.send(StanzaBuilder.buildPresence().to(juliet.jid()).addExtension(new PhotoUpdate(sha1(photo))).build());

        Presence received = juliet.receives(Presence.class, p -> p.getFrom().equals(romeo.jid()));
        PhotoUpdate update = (PhotoUpdate) received.getExtension(PhotoUpdate.QNAME);
        assertEquals(new PhotoUpdate(sha1(photo)), update);
        assertEquals(cards(juliet).loadVCard(bare(romeo)).getAvatarHash(), update.hash());
    }

    @Test
    void theVcardIsGoneWhenTheAccountIsDeleted() throws Exception {
        Account account = server.newAccount();
        TestClient romeo = server.login(account);
        VCard card = new VCard();
        card.setNickName("before");
        cards(romeo).saveVCard(card);
        romeo.close();

        server.server().accounts().delete(account.jid());
        server.server().accounts().create(account.jid(), account.password());

        TestClient again = server.login(account);
        assertNull(cards(again).loadVCard().getNickName());
    }

    @Test
    void serverAndAccountsAdvertiseVcardsAndTheServerHasAnEmptyOne() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(romeo.connection());

        assertTrue(disco.discoverInfo(Jids.smack(server.domain())).containsFeature(VcardModule.NS));
        assertTrue(disco.discoverInfo(bare(juliet)).containsFeature(VcardModule.NS));
        IQ serverCard = romeo.request(new RawIq(IQ.Type.get, server.domain(), "vCard", VcardModule.NS, null));
        assertEquals(IQ.Type.result, serverCard.getType());
        assertNull(((VCard) serverCard).getNickName());
    }

    /**
     * XEP-0153's {@code <x xmlns='vcard-temp:x:update'><photo>hash</photo></x>}. Parsed by a provider
     * of its own: Smack's generic parser trips an assertion on Aalto's "" prefix for default namespaces.
     */
    record PhotoUpdate(String hash) implements ExtensionElement {
        static final String NS = "vcard-temp:x:update";
        static final QName QNAME = new QName(NS, "x");

        static {
            ProviderManager.addExtensionProvider("x", NS, new ExtensionElementProvider<PhotoUpdate>() {
                @Override
                public PhotoUpdate parse(XmlPullParser parser, int depth, XmlEnvironment env, JxmppContext context)
                        throws XmlPullParserException, IOException {
                    String hash = null;
                    while (!(parser.next() == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth)) {
                        if (parser.getEventType() == XmlPullParser.Event.START_ELEMENT && parser.getName().equals("photo")) {
                            hash = parser.nextText();
                        }
                    }
                    return new PhotoUpdate(hash);
                }
            });
        }

        @Override
        public String getElementName() {
            return "x";
        }

        @Override
        public String getNamespace() {
            return NS;
        }

        @Override
        public String toXML(XmlEnvironment env) {
            return "<x xmlns='" + NS + "'><photo>" + hash + "</photo></x>";
        }
    }

    private static VCardManager cards(TestClient client) {
        return VCardManager.getInstanceFor(client.connection());
    }

    private static EntityBareJid bare(TestClient client) {
        return client.jid().asEntityBareJid();
    }

    /** Bytes that look like nothing in particular, zero and high bytes included. */
    private static byte[] photo(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        bytes[0] = 0;
        bytes[1] = (byte) 0xff;
        return bytes;
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}
