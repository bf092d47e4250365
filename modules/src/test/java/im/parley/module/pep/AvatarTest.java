package im.parley.module.pep;

import static im.parley.module.pep.Pep.assertContains;
import static im.parley.module.pep.Pep.assertResult;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import im.parley.module.vcard.VcardModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** User avatars (XEP-0084) in PEP and their conversion with vCard photos (XEP-0398), as clients see them. */
class AvatarTest {
    private static final String DATA = "urn:xmpp:avatar:data";
    private static final String METADATA = "urn:xmpp:avatar:metadata";

    @RegisterExtension
    static final ParleyServer server = Pep.builder(new VcardModule()).build();

    // Smack keeps caps in static caches for the whole JVM; later test classes run servers on the same domain.
    @org.junit.jupiter.api.AfterAll
    static void forgetCachedCaps() {
        org.jivesoftware.smackx.caps.EntityCapsManager.clearMemoryCache();
    }

    private static byte[] image(int seed) {
        byte[] bytes = new byte[3000];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    /** XEP-0084 §4.1, §4.2: data first, then the metadata that announces it. */
    private static void publishAvatar(TestClient client, byte[] png) throws Exception {
        String id = sha1(png);
        assertResult(Pep.publish(client, DATA, id, "<data xmlns='" + DATA + "'>" + Base64.getEncoder().encodeToString(png) + "</data>", null));
        assertResult(Pep.publish(client, METADATA, id, "<metadata xmlns='" + METADATA + "'><info bytes='" + png.length + "' id='" + id
                + "' height='64' width='64' type='image/png'/></metadata>", null));
    }

    @Test
    void aContactHearsOfTheAvatarAndFetchesItsData() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.befriend(juliet);
        Pep.wantNotifications(juliet, METADATA);
        byte[] png = image(1);
        publishAvatar(romeo, png);
        String id = sha1(png);
        Message event = juliet.receivesMessage(m -> Pep.isItemEvent(m, romeo, METADATA, id));
        assertContains(event, "bytes='" + png.length + "'", "type='image/png'");
        IQ data = Pep.items(juliet, romeo.account().jid().toBareJID(), DATA, "<item id='" + id + "'/>");
        assertContains(data, Base64.getEncoder().encodeToString(png));
    }

    @Test
    void aPepAvatarBecomesTheVcardPhoto() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        byte[] png = image(2);
        publishAvatar(romeo, png);
        VCard card = VCardManager.getInstanceFor(juliet.connection()).loadVCard(JidCreate.entityBareFrom(romeo.account().jid().toBareJID()));
        assertArrayEquals(png, card.getAvatar());
        assertEquals(sha1(png), card.getAvatarHash());
    }

    @Test
    void aVcardPhotoBecomesThePepAvatar() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.befriend(juliet);
        Pep.wantNotifications(juliet, METADATA);
        byte[] jpeg = image(3);
        VCard card = new VCard();
        card.setNickName("Romeo");
        card.setAvatar(jpeg, "image/jpeg");
        VCardManager.getInstanceFor(romeo.connection()).saveVCard(card);
        String id = sha1(jpeg);
        Message event = juliet.receivesMessage(m -> Pep.isItemEvent(m, romeo, METADATA, id));
        assertContains(event, "type='image/jpeg'", "bytes='" + jpeg.length + "'");
        assertContains(Pep.items(juliet, romeo.account().jid().toBareJID(), DATA, "<item id='" + id + "'/>"),
                Base64.getEncoder().encodeToString(jpeg));
        // The vCard kept everything else.
        assertEquals("Romeo", VCardManager.getInstanceFor(romeo.connection()).loadVCard().getNickName());
    }

    @Test
    void availablePresenceCarriesTheAvatarHash() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.befriend(juliet);
        byte[] png = image(4);
        publishAvatar(romeo, png);
        romeo.presence(1);
        // XEP-0398 §4: the server adds the hash the client did not send.
        juliet.receives(org.jivesoftware.smack.packet.Presence.class, p -> p.getFrom().equals(romeo.jid())
                && p.toXML().toString().contains("vcard-temp:x:update") && p.toXML().toString().contains(">" + hashOf(png) + "</photo>"));
        // An empty photo element is the client's choice and stays empty.
        romeo.send(org.jivesoftware.smack.packet.StanzaBuilder.buildPresence().setPriority(2)
                .addExtension(org.jivesoftware.smack.packet.StandardExtensionElement.builder("x", "vcard-temp:x:update")
                        .addElement("photo", "").build()).build());
        juliet.receives(org.jivesoftware.smack.packet.Presence.class, p -> p.getFrom().equals(romeo.jid()) && p.getPriority() == 2
                && p.toXML().toString().contains("vcard-temp:x:update") && !p.toXML().toString().contains(hashOf(png)));
    }

    private static String hashOf(byte[] bytes) {
        try {
            return sha1(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theAccountAdvertisesTheConversion() {
        TestClient romeo = server.newUser();
        IQ info = romeo.request(new RawIq(IQ.Type.get, romeo.account().jid().toBareJID(), "query",
                "http://jabber.org/protocol/disco#info", null));
        assertContains(info, "urn:xmpp:pep-vcard-conversion:0");
    }
}
