package im.parley.module.im;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.adhoc.AdHocModule;
import im.parley.module.mam.MamModule;
import im.parley.module.stanzaid.StanzaIdModule;
import im.parley.testing.Account;
import im.parley.testing.Await;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.util.List;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandResult;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keeping and deleting archives: the server's retention hides and deletes old messages, a user
 * chooses their own retention, an administrator purges an account's archive; and receipts are
 * archived with the messages they answer.
 */
class ArchiveCommandsTest {
    private static final Account ADMIN = new Account("archivist", "localhost", "archivist-password-1");

    @RegisterExtension
    static final ParleyServer server = ImServer.builder(new StanzaIdModule(), new MamModule(), new AdHocModule())
            .yaml("server:\n  admins: [archivist@localhost]\nc2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: 0\n"
                    + "mam:\n  retention: 6s").build();

    private static List<String> archived(TestClient owner, TestClient with) {
        try {
            MamManager mam = MamManager.getInstanceFor(owner.connection());
            assertTrue(mam.isSupported());
            return mam.queryMostRecentPage(with.jid().asBareJid(), 50).getMessages().stream()
                    .map(m -> m.getBody() != null ? m.getBody() : m.hasExtension(DeliveryReceipt.class) ? "receipt" : "other").toList();
        } catch (Exception e) {
            throw new IllegalStateException("the archive query failed", e);
        }
    }

    private static AdHocCommand command(TestClient client, String node) {
        return AdHocCommandManager.getInstance(client.connection()).getRemoteCommand(Jids.smack("localhost"), node);
    }

    @Test
    void receiptsAreArchivedAndTheServersRetentionHidesOldMessages() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.send(org.jivesoftware.smack.packet.StanzaBuilder.buildMessage("m1").to(juliet.jid()).ofType(Message.Type.chat)
                .setBody("did you get this?").addExtension(new org.jivesoftware.smackx.receipts.DeliveryReceiptRequest()).build());
        juliet.receivesMessage(m -> "did you get this?".equals(m.getBody()));
        juliet.send(org.jivesoftware.smack.packet.StanzaBuilder.buildMessage().to(romeo.jid()).ofType(Message.Type.chat)
                .addExtension(new DeliveryReceipt("m1")).build());
        romeo.receivesMessage(m -> m.hasExtension(DeliveryReceipt.class));
        assertEquals(List.of("did you get this?", "receipt"), archived(romeo, juliet));
        Await.until("messages older than the server's retention (6 s) are no longer served",
                java.time.Duration.ofSeconds(30), () -> archived(romeo, juliet).isEmpty());
    }

    @Test
    void aUserChoosesTheirRetention() throws Exception {
        TestClient user = server.newUser();
        AdHocCommand retention = command(user, "https://parley.im/commands#archive-retention");
        AdHocCommandResult.StatusExecuting first = retention.execute().asExecutingOrThrow();
        FillableForm form = first.getFillableForm();
        assertEquals("0", form.getField("days").getFirstValue(), "as long as the server keeps messages, until set");
        form.setAnswer("days", "30");
        AdHocCommandResult done = retention.complete(form.getSubmitForm());
        assertTrue(done.getResponse().getNotes().get(0).getValue().contains("30 days"), done.getResponse().toXML().toString());
        assertEquals("30", command(user, "https://parley.im/commands#archive-retention").execute().asExecutingOrThrow()
                .getFillableForm().getField("days").getFirstValue(), "kept");

        AdHocCommand bad = command(user, "https://parley.im/commands#archive-retention");
        FillableForm negative = bad.execute().asExecutingOrThrow().getFillableForm();
        negative.setAnswer("days", "-1");
        XMPPException.XMPPErrorException refused = assertThrows(XMPPException.XMPPErrorException.class,
                () -> bad.complete(negative.getSubmitForm()));
        assertEquals(StanzaError.Condition.bad_request, refused.getStanzaError().getCondition());
    }

    @Test
    void anAdministratorPurgesAnArchiveAndOthersMayNot() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.sendChat(juliet.address(), "to be purged");
        juliet.receivesMessage(m -> "to be purged".equals(m.getBody()));
        assertEquals(List.of("to be purged"), archived(juliet, romeo));

        XMPPException.XMPPErrorException forbidden = assertThrows(XMPPException.XMPPErrorException.class,
                () -> command(romeo, "https://parley.im/commands#archive-purge").execute());
        assertEquals(StanzaError.Condition.forbidden, forbidden.getStanzaError().getCondition());

        if (!server.server().accounts().exists(ADMIN.jid())) {
            server.server().accounts().create(ADMIN.jid(), ADMIN.password());
        }
        TestClient admin = server.login(ADMIN);
        AdHocCommand purge = command(admin, "https://parley.im/commands#archive-purge");
        FillableForm form = purge.execute().asExecutingOrThrow().getFillableForm();
        form.setAnswer("accountjid", juliet.address().toBareJID());
        AdHocCommandResult done = purge.complete(form.getSubmitForm());
        assertTrue(done.getResponse().getNotes().get(0).getValue().contains("Deleted 1 "), done.getResponse().toXML().toString());
        assertTrue(archived(juliet, romeo).isEmpty(), "juliet's archive is empty");
        assertEquals(List.of("to be purged"), archived(romeo, juliet), "romeo's is not");
    }
}
