package im.parley.module.carbons;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.Phase;
import im.parley.api.StanzaException;
import im.parley.api.Xep;
import im.parley.api.session.LocalSession;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * Message carbons (XEP-0280): every device of a user that asks for it sees the user's
 * conversations, what the user's other devices send and what they receive, on whichever cluster
 * node each device is. The private and no-copy hints (XEP-0334) keep a message out.
 */
@Xep(number = 280, version = "1.0.1")
@Xep(number = 334, version = "0.3.0", note = "no-copy")
public final class CarbonsModule implements Module {
    static final String NS = "urn:xmpp:carbons:2";
    /** Route flag of a session that enabled carbons, so that every node sees it. */
    static final String ENABLED = "carbons.enabled";
    /** After blocking (100): a refused message gets no copies. */
    private static final int PRIORITY = 200;

    @Override
    public String name() {
        return "carbons";
    }

    @Override
    public void start(ModuleContext ctx) {
        Carbons carbons = new Carbons(ctx.routes(), ctx.router());
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, NS, "enable", (iq, origin) -> toggle(iq, origin, true));
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, NS, "disable", (iq, origin) -> toggle(iq, origin, false));
        ctx.feature(IqScope.SERVER, NS); // §3: clients look for it on their server
        ctx.intercept(Phase.INBOUND, PRIORITY, carbons::sent);
        ctx.intercept(Phase.DELIVERY, PRIORITY, carbons::received);
    }

    /** XEP-0280 §4, §5: a client turns carbons on or off for its own session. */
    private static IQ toggle(IQ request, Origin origin, boolean on) throws StanzaException {
        LocalSession session = origin.session().orElse(null);
        if (session == null || origin.kind() != Origin.Kind.CLIENT || (request.getTo() != null
                && !request.getTo().toBareJID().equals(origin.jid().toBareJID()))) {
            throw new StanzaException(PacketError.Condition.not_allowed, "carbons are for your own session");
        }
        session.flag(ENABLED, on);
        return IQ.createResultIQ(request);
    }
}
