package im.parley.module.admin;

import im.parley.api.ModuleContext;
import im.parley.api.StanzaException;
import im.parley.api.account.AccountException;
import im.parley.api.routing.Route;
import im.parley.module.adhoc.AdHocCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** The XEP-0133 commands: add user, delete user, change password, online users. */
final class AdminCommands {
    private AdminCommands() {
    }

    static List<AdHocCommand> all(ModuleContext ctx) {
        return List.of(new AddUser(ctx), new DeleteUser(ctx), new ChangePassword(ctx), new OnlineUsers(ctx),
                new OnlineUsersCount(ctx), new RegisteredUsersCount(ctx), new ClusterMembers(ctx));
    }

    static StanzaException toStanzaError(AccountException e) {
        PacketError.Condition condition = switch (e.reason()) {
            case EXISTS -> PacketError.Condition.conflict;
            case NOT_FOUND -> PacketError.Condition.item_not_found;
            case UNKNOWN_DOMAIN -> PacketError.Condition.not_allowed;
            case INVALID_USERNAME -> PacketError.Condition.jid_malformed;
            case WEAK_PASSWORD -> PacketError.Condition.not_acceptable;
        };
        return new StanzaException(condition, e.getMessage());
    }

    /** XEP-0133 §4.1. */
    static final class AddUser extends AdminCommand {
        AddUser(ModuleContext ctx) {
            super(ctx, "add-user", "Add a User");
        }

        @Override
        DataForm form() {
            DataForm form = AdminForms.form("Adding a User", "Fill out this form to add a user.");
            AdminForms.field(form, "accountjid", "The Jabber ID for the account to be added", FormField.Type.jid_single);
            AdminForms.field(form, "password", "The password for this account", FormField.Type.text_private);
            AdminForms.field(form, "password-verify", "Retype password", FormField.Type.text_private);
            return form;
        }

        @Override
        Response perform(DataForm submitted) throws StanzaException {
            JID account = AdminForms.jid(AdminForms.required(submitted, "accountjid"));
            String password = AdminForms.required(submitted, "password");
            FormField verify = submitted.getField("password-verify");
            if (verify != null && verify.getFirstValue() != null && !verify.getFirstValue().equals(password)) {
                throw new StanzaException(PacketError.Condition.not_acceptable, "the passwords do not match");
            }
            try {
                ctx.accounts().create(account, password);
            } catch (AccountException e) {
                throw toStanzaError(e);
            }
            return Response.completed(AdHocCommand.Note.info("Added " + account));
        }
    }

    /** XEP-0133 §4.2. */
    static final class DeleteUser extends AdminCommand {
        DeleteUser(ModuleContext ctx) {
            super(ctx, "delete-user", "Delete a User");
        }

        @Override
        DataForm form() {
            DataForm form = AdminForms.form("Deleting a User", "Fill out this form to delete a user.");
            AdminForms.field(form, "accountjids", "The Jabber ID(s) to delete", FormField.Type.jid_multi);
            return form;
        }

        @Override
        Response perform(DataForm submitted) throws StanzaException {
            List<JID> accounts = new ArrayList<>();
            for (String value : AdminForms.values(submitted, "accountjids")) {
                accounts.add(AdminForms.jid(value));
            }
            for (JID account : accounts) {
                try {
                    ctx.accounts().delete(account);
                } catch (AccountException e) {
                    throw toStanzaError(e);
                }
            }
            return Response.completed(AdHocCommand.Note.info("Deleted " + accounts));
        }
    }

    /** XEP-0133 §4.7. */
    static final class ChangePassword extends AdminCommand {
        ChangePassword(ModuleContext ctx) {
            super(ctx, "change-user-password", "Change User Password");
        }

        @Override
        DataForm form() {
            DataForm form = AdminForms.form("Changing a User Password", "Fill out this form to change a user's password.");
            AdminForms.field(form, "accountjid", "The Jabber ID for this account", FormField.Type.jid_single);
            AdminForms.field(form, "password", "The password for this account", FormField.Type.text_private);
            return form;
        }

        @Override
        Response perform(DataForm submitted) throws StanzaException {
            JID account = AdminForms.jid(AdminForms.required(submitted, "accountjid"));
            try {
                ctx.accounts().changePassword(account, AdminForms.required(submitted, "password"));
            } catch (AccountException e) {
                throw toStanzaError(e);
            }
            return Response.completed(AdHocCommand.Note.info("Changed the password of " + account));
        }
    }

    /** XEP-0133 §4.21: a form for how many, then the list. */
    static final class OnlineUsers extends AdminCommand {
        OnlineUsers(ModuleContext ctx) {
            super(ctx, "get-online-users-list", "Get List of Online Users");
        }

        @Override
        DataForm form() {
            DataForm form = AdminForms.form("Getting List of Online Users", "How many users should be shown?");
            FormField max = form.addField("max_items", "Maximum number of users", FormField.Type.list_single);
            for (String n : List.of("25", "50", "75", "100", "150", "200", "none")) {
                max.addOption(n, n);
            }
            max.addValue("100");
            return form;
        }

        @Override
        Response perform(DataForm submitted) {
            FormField maxField = submitted == null ? null : submitted.getField("max_items");
            String max = maxField == null ? null : maxField.getFirstValue();
            int limit = max == null || max.equals("none") ? Integer.MAX_VALUE : Integer.parseInt(max.trim());
            TreeSet<String> users = new TreeSet<>();
            for (Route r : ctx.routes().all()) {
                users.add(r.address().toBareJID());
            }
            DataForm result = AdminForms.result();
            FormField jids = result.addField("onlineuserjids", "The list of all online users", FormField.Type.jid_multi);
            users.stream().limit(limit).forEach(jids::addValue);
            return Response.completed(result);
        }
    }

    /** XEP-0133 §4.16. */
    static final class OnlineUsersCount extends AdminCommand {
        OnlineUsersCount(ModuleContext ctx) {
            super(ctx, "get-online-users-num", "Get Number of Online Users");
        }

        @Override
        DataForm form() {
            return null;
        }

        @Override
        Response perform(DataForm submitted) {
            long n = ctx.routes().all().stream().map(r -> r.address().toBareJID()).distinct().count();
            DataForm result = AdminForms.result();
            result.addField("onlineusersnum", "The number of online users", FormField.Type.text_single).addValue(Long.toString(n));
            return Response.completed(result);
        }
    }

    /** XEP-0133 §4.15. */
    static final class RegisteredUsersCount extends AdminCommand {
        RegisteredUsersCount(ModuleContext ctx) {
            super(ctx, "get-registered-users-num", "Get Number of Registered Users");
        }

        @Override
        DataForm form() {
            return null;
        }

        @Override
        Response perform(DataForm submitted) {
            long n = ctx.server().domains().stream().mapToLong(d -> ctx.accounts().count(d)).sum();
            DataForm result = AdminForms.result();
            result.addField("registeredusersnum", "The number of registered users", FormField.Type.text_single).addValue(Long.toString(n));
            return Response.completed(result);
        }
    }
}
