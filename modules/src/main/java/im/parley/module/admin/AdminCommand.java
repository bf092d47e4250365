package im.parley.module.admin;

import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.module.adhoc.AdHocCommand;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.PacketError;

/**
 * A XEP-0133 command that shows one form and acts on its submission; only administrators named
 * in config may see or run it.
 */
abstract class AdminCommand implements AdHocCommand {
    static final String PREFIX = "http://jabber.org/protocol/admin#";

    final ModuleContext ctx;
    private final String action;
    private final String name;

    AdminCommand(ModuleContext ctx, String action, String name) {
        this.ctx = ctx;
        this.action = action;
        this.name = name;
    }

    @Override
    public final String node() {
        // XEP-0133 actions are short names; Parley's own commands carry a full URI.
        return action.contains(":") ? action : PREFIX + action;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean allowed(Origin requester) {
        return requester.kind() == Origin.Kind.CLIENT && ctx.server().isAdmin(requester.jid());
    }

    /** The form to fill in, or null for commands that complete at once. */
    abstract DataForm form();

    /** Acts on the submitted form (null for commands without one). */
    abstract Response perform(DataForm submitted) throws StanzaException;

    @Override
    public final Execution begin(Origin requester) {
        return (act, submitted) -> {
            if (submitted != null) {
                if (submitted.getType() == DataForm.Type.cancel) {
                    return new Response(Status.CANCELED, null, java.util.List.of(), java.util.Set.of());
                }
                return perform(submitted);
            }
            if (act == Action.COMPLETE || act == Action.NEXT) {
                throw new StanzaException(PacketError.Condition.bad_request, "submit the form to continue");
            }
            DataForm form = form();
            return form == null ? perform(null) : Response.form(form, Action.COMPLETE);
        };
    }
}
