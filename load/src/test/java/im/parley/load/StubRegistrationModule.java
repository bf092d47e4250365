package im.parley.load;

import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.StanzaException;
import im.parley.api.account.AccountException;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * A minimal stand-in for the server's future {@code register} module, just enough XEP-0077 for the
 * load tool's {@code --register} path to be tested: creates the account, or answers conflict.
 */
final class StubRegistrationModule implements Module {
    @Override
    public String name() {
        return "load-test-register";
    }

    @Override
    public void start(ModuleContext ctx) {
        ctx.onPreAuthIq(IqType.SET, "jabber:iq:register", "query", (request, origin) -> {
            Element query = request.getChildElement();
            String domain = ctx.server().domains().get(0);
            try {
                ctx.accounts().create(new JID(query.elementText("username"), domain, null), query.elementText("password"));
            } catch (AccountException e) {
                throw new StanzaException(e.reason() == AccountException.Reason.EXISTS
                        ? PacketError.Condition.conflict : PacketError.Condition.not_acceptable, e.getMessage());
            }
            return IQ.createResultIQ(request);
        });
    }
}
