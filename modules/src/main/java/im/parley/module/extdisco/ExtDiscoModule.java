package im.parley.module.extdisco;

import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Xep;
import im.parley.api.config.Configured;

/**
 * XEP-0215 external service discovery: tells the server's users which STUN and TURN servers to
 * use for calls, with short-lived TURN credentials, so clients need no manual setup and the TURN
 * server is not an open relay.
 */
@Configured(ExtDiscoConfig.class)
@Xep(number = 215, version = "1.0.0", note = "stun, turn and turns with TURN REST API credentials; no pushes")
public final class ExtDiscoModule implements Module {
    public static final String NS = "urn:xmpp:extdisco:2";

    @Override
    public String name() {
        return "extdisco";
    }

    @Override
    public void start(ModuleContext ctx) {
        ExtDiscoConfig config = ctx.config(ExtDiscoConfig.class);
        ExternalServices services = new ExternalServices(config.services(), ctx.server().clock());
        ctx.onIq(IqType.GET, NS, "services", services::services);
        ctx.onIq(IqType.GET, NS, "credentials", services::credentials);
    }
}
