package im.parley.module.admin;

import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Xep;
import im.parley.module.adhoc.AdHocCommand;

/** Service administration (XEP-0133) for the admins named in {@code server.admins}, as ad-hoc commands. */
@Xep(number = 133, version = "1.3.1", note = "add-user, delete-user, change-user-password, get-online-users-list, get-online-users-num, get-registered-users-num")
public final class AdminModule implements Module {
    @Override
    public String name() {
        return "admin";
    }

    @Override
    public void start(ModuleContext ctx) {
        for (AdHocCommand command : AdminCommands.all(ctx)) {
            ctx.contribute(AdHocCommand.class, command);
        }
    }
}
