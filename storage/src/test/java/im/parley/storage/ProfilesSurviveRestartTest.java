package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import im.parley.module.privatestorage.PrivateStorageModule;
import im.parley.module.vcard.VcardModule;
import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.util.Random;
import org.jivesoftware.smackx.iqprivate.PrivateDataManager;
import org.jivesoftware.smackx.iqprivate.packet.DefaultPrivateData;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** vCards and private XML saved by real clients are read back by new clients after the server restarts on H2. */
class ProfilesSurviveRestartTest {
    @RegisterExtension
    static final ParleyServer SERVER = ParleyServer.with(new VcardModule(), new PrivateStorageModule())
            .storage(TestDatabases.factory(StorageConfig.h2())).build();

    @Test
    void vcardWithPhotoAndPrivateDataAreThereAfterRestart() throws Exception {
        Account romeo = SERVER.newAccount();
        Account juliet = SERVER.newAccount();
        byte[] photo = new byte[20_000];
        new Random(54).nextBytes(photo);
        TestClient before = SERVER.login(romeo);
        VCard card = new VCard();
        card.setNickName("Romeo \u2665");
        card.setAvatar(photo, "image/png");
        VCardManager.getInstanceFor(before.connection()).saveVCard(card);
        DefaultPrivateData prefs = new DefaultPrivateData("prefs", "urn:example:prefs");
        prefs.setValue("theme", "dark");
        PrivateDataManager.getInstanceFor(before.connection()).setPrivateData(prefs);

        SERVER.restart();

        TestClient after = SERVER.login(romeo);
        VCard own = VCardManager.getInstanceFor(after.connection()).loadVCard();
        assertEquals("Romeo \u2665", own.getNickName());
        assertArrayEquals(photo, own.getAvatar());
        DefaultPrivateData stored = (DefaultPrivateData) PrivateDataManager.getInstanceFor(after.connection())
                .getPrivateData("prefs", "urn:example:prefs");
        assertEquals("dark", stored.getValue("theme"));
        TestClient contact = SERVER.login(juliet);
        assertArrayEquals(photo, VCardManager.getInstanceFor(contact.connection()).loadVCard(bare(romeo)).getAvatar());
    }

    @Test
    void dataOfADeletedAccountStaysDeletedAfterRestart() throws Exception {
        Account romeo = SERVER.newAccount();
        TestClient before = SERVER.login(romeo);
        VCard card = new VCard();
        card.setNickName("gone");
        VCardManager.getInstanceFor(before.connection()).saveVCard(card);
        DefaultPrivateData prefs = new DefaultPrivateData("prefs", "urn:example:prefs");
        prefs.setValue("theme", "gone");
        PrivateDataManager.getInstanceFor(before.connection()).setPrivateData(prefs);
        SERVER.server().accounts().delete(romeo.jid());

        SERVER.restart();

        SERVER.server().accounts().create(romeo.jid(), romeo.password());
        TestClient after = SERVER.login(romeo);
        assertNull(VCardManager.getInstanceFor(after.connection()).loadVCard().getNickName());
        DefaultPrivateData stored = (DefaultPrivateData) PrivateDataManager.getInstanceFor(after.connection())
                .getPrivateData("prefs", "urn:example:prefs");
        assertNull(stored.getValue("theme"));
    }

    private static EntityBareJid bare(Account account) throws Exception {
        return JidCreate.entityBareFrom(account.jid().toBareJID());
    }
}
