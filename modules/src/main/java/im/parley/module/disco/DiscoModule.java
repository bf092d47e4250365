package im.parley.module.disco;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.Xep;
import im.parley.api.disco.Identity;
import im.parley.api.disco.Item;
import im.parley.api.disco.ServiceDirectory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** Service discovery (XEP-0030) of the server and of accounts, from what every module registered. */
@Xep(number = 30, version = "2.5rc3")
public final class DiscoModule implements Module {
    public static final String INFO = "http://jabber.org/protocol/disco#info";
    public static final String ITEMS = "http://jabber.org/protocol/disco#items";

    private ServiceDirectory directory;

    @Override
    public String name() {
        return "disco";
    }

    @Override
    public void start(ModuleContext ctx) {
        directory = ctx.directory();
        ctx.identity(IqScope.SERVER, new Identity("server", "im", ctx.server().name()));
        ctx.identity(IqScope.ACCOUNT, new Identity("account", "registered", null));
        ctx.onIq(IqScope.SERVER, IqType.GET, INFO, "query", (iq, origin) -> info(iq, origin, IqScope.SERVER));
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, INFO, "query", (iq, origin) -> info(iq, origin, IqScope.ACCOUNT));
        ctx.onIq(IqScope.SERVER, IqType.GET, ITEMS, "query", this::items);
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, ITEMS, "query", this::items);
    }

    private IQ info(IQ request, Origin origin, IqScope scope) throws StanzaException {
        String node = request.getChildElement().attributeValue("node");
        JID address = target(request, origin);
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", INFO);
        if (node != null) {
            query.addAttribute("node", node);
        }
        List<Identity> identities;
        Set<String> features;
        List<org.xmpp.forms.DataForm> forms;
        if (node == null) {
            identities = directory.identities(scope);
            features = directory.features(scope);
            forms = address == null ? List.of() : directory.extendedInfo(scope, address);
        } else {
            Optional<ServiceDirectory.NodeInfo> info = directory.nodeInfo(address, node, origin);
            if (info.isEmpty()) {
                throw new StanzaException(PacketError.Condition.item_not_found, "no such node");
            }
            identities = info.get().identities();
            features = info.get().features();
            forms = info.get().forms();
        }
        for (Identity identity : identities) {
            Element e = query.addElement("identity").addAttribute("category", identity.category())
                    .addAttribute("type", identity.type());
            if (identity.name() != null) {
                e.addAttribute("name", identity.name());
            }
        }
        for (String feature : new TreeSet<>(features)) {
            query.addElement("feature").addAttribute("var", feature);
        }
        forms.forEach(f -> query.add(f.getElement().createCopy())); // XEP-0128
        return result;
    }

    private IQ items(IQ request, Origin origin) {
        String node = request.getChildElement().attributeValue("node");
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", ITEMS);
        if (node != null) {
            query.addAttribute("node", node);
        }
        for (Item item : directory.items(target(request, origin), node, origin)) {
            Element e = query.addElement("item").addAttribute("jid", item.jid().toString());
            if (item.node() != null) {
                e.addAttribute("node", item.node());
            }
            if (item.name() != null) {
                e.addAttribute("name", item.name());
            }
        }
        return result;
    }

    /** The address asked about: the 'to', or the sender's own account when there is none (RFC 6120 §10.3.3). */
    private static JID target(IQ request, Origin origin) {
        if (request.getTo() != null) {
            return request.getTo();
        }
        return origin.jid() == null ? null : origin.jid().asBareJID();
    }
}
