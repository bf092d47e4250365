package im.parley.core.server;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import org.xmpp.packet.IQ;

/**
 * Answers the session-establishment request of RFC 3921 §3, which RFC 6121 dropped but older
 * clients still send after binding; the feature is advertised as optional.
 */
final class LegacySessionModule implements Module {
    private static final String NS = "urn:ietf:params:xml:ns:xmpp-session";

    @Override
    public String name() {
        return "legacy-session";
    }

    @Override
    public void start(ModuleContext ctx) {
        ctx.onIq(IqScope.SERVER, IqType.SET, NS, "session", (iq, origin) -> IQ.createResultIQ(iq));
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, NS, "session", (iq, origin) -> IQ.createResultIQ(iq));
    }
}
