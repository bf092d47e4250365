package im.parley.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.adhoc.AdHocModule;
import im.parley.module.admin.AdminModule;
import im.parley.module.disco.DiscoModule;
import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.util.List;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.admin.ServiceAdministrationManager;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandResult;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0133 for admins named in config; everyone else is refused. */
class AdminCommandsTest {
    private static final Account ADMIN = new Account("boss", "localhost", "boss-password-1");

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new AdHocModule(), new AdminModule())
            .yaml("server:\n  domains: [localhost, example.test]\n  admins: [boss@localhost]\n  worker_threads: 8").build();

    private TestClient admin() throws Exception {
        if (!server.server().accounts().exists(ADMIN.jid())) {
            server.server().accounts().create(ADMIN.jid(), ADMIN.password());
        }
        return server.login(ADMIN);
    }

    @Test
    void anAdminAddsChangesAndDeletesUsers() throws Exception {
        ServiceAdministrationManager admin = ServiceAdministrationManager.getInstanceFor(admin().connection());
        admin.addUser(JidCreate.entityBareFrom("created@localhost"), "created-password");
        TestClient created = server.login(new Account("created", "localhost", "created-password"));
        admin.deleteUser(JidCreate.entityBareFrom("created@localhost"));
        im.parley.testing.Await.until("the deleted user's stream is closed", () -> !created.isConnected());
        assertThrows(IllegalStateException.class, () -> server.login(new Account("created", "localhost", "created-password")));
    }

    @Test
    void adminChangesAPasswordAndListsOnlineUsers() throws Exception {
        Account victim = server.newAccount();
        TestClient online = server.login(victim);
        TestClient admin = admin();
        AdHocCommandManager commands = AdHocCommandManager.getInstance(admin.connection());
        AdHocCommand change = commands.getRemoteCommand(Jids.smack("localhost"), "http://jabber.org/protocol/admin#change-user-password");
        AdHocCommandResult.StatusExecuting first = change.execute().asExecutingOrThrow();
        FillableForm form = first.getFillableForm();
        form.setAnswer("accountjid", victim.jid().toString());
        form.setAnswer("password", "reset-by-admin");
        change.complete(form.getSubmitForm());
        server.login(new Account(victim.username(), victim.domain(), "reset-by-admin"));

        AdHocCommand list = commands.getRemoteCommand(Jids.smack("localhost"), "http://jabber.org/protocol/admin#get-online-users-list");
        FillableForm max = list.execute().asExecutingOrThrow().getFillableForm();
        max.setAnswer("max_items", "none");
        AdHocCommandResult done = list.complete(max.getSubmitForm());
        List<? extends CharSequence> users = done.getResponse().getForm().getField("onlineuserjids").getValues();
        assertTrue(users.stream().anyMatch(u -> u.toString().equals(victim.jid().toString())), users.toString());
        assertTrue(online.isConnected());
    }

    @Test
    void ordinaryUsersSeeNoCommandsAndAreForbidden() throws Exception {
        TestClient user = server.newUser();
        AdHocCommandManager commands = AdHocCommandManager.getInstance(user.connection());
        DiscoverItems items = commands.discoverCommands(Jids.smack("localhost"));
        assertEquals(0, items.getItems().size(), items.toXML().toString());
        ServiceAdministrationManager admin = ServiceAdministrationManager.getInstanceFor(user.connection());
        XMPPException.XMPPErrorException e = assertThrows(XMPPException.XMPPErrorException.class,
                () -> admin.addUser(JidCreate.entityBareFrom("sneaky@localhost"), "sneaky-password"));
        assertEquals(StanzaError.Condition.forbidden, e.getStanzaError().getCondition());
    }

    @Test
    void adminSeesThisNodeAsTheWholeClusterWithItsSessions() throws Exception {
        TestClient admin = admin();
        server.newUser();
        AdHocCommand members = AdHocCommandManager.getInstance(admin.connection())
                .getRemoteCommand(Jids.smack("localhost"), "https://parley.im/commands#cluster-members");
        List<DataForm.Item> rows = members.execute().getResponse().getForm().getItems();
        assertEquals(1, rows.size());
        assertTrue(List.of("1", "true").contains(cell(rows.get(0), "local")), "this node is marked local");
        assertEquals(Integer.toString(server.server().sessions().count()), cell(rows.get(0), "sessions"));
    }

    @Test
    void adminSeesTheCommandList() throws Exception {
        DiscoverItems items = AdHocCommandManager.getInstance(admin().connection()).discoverCommands(Jids.smack("localhost"));
        assertTrue(items.getItems().size() >= 4, items.toXML().toString());
    }


    /** The value of one column in a row of a reported data form. */
    private static String cell(DataForm.Item row, String var) {
        return row.getFields().stream().filter(f -> f.getFieldName().equals(var)).findFirst().orElseThrow().getFirstValue();
    }
}
