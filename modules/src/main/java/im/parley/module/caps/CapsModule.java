package im.parley.module.caps;

import im.parley.api.IqScope;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.ServerInfo;
import im.parley.api.StanzaRoute;
import im.parley.api.StreamStage;
import im.parley.api.event.SessionClosed;
import im.parley.api.Xep;
import im.parley.api.disco.ServiceDirectory;
import java.util.List;
import java.util.Optional;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;

/**
 * XEP-0115 entity capabilities of the server itself: offers the hash of the server's disco#info
 * as a stream feature after authentication (§6.3), so a client that has seen that hash before can
 * skip asking for the server's features at every login, and answers disco#info for the
 * {@code node#ver} it offered.
 *
 * <p>It also learns what clients support from the caps in their presence ({@link ClientCapabilities}).
 *
 * <p>The hash is computed at each request rather than cached: modules can start and stop, and
 * the directory gives no change signal, while hashing about a kilobyte per login is cheap.
 */
@Xep(number = 115, version = "1.6.0", note = "the server's own capabilities, as a stream feature; clients' capabilities learnt from their presence")
public final class CapsModule implements Module {
    public static final String NS = "http://jabber.org/protocol/caps";
    /** Identifies the software; XEP-0115 §4 recommends a URI for the project. */
    public static final String NODE = "https://parley.im";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    @Override
    public String name() {
        return "caps";
    }

    @Override
    public void start(ModuleContext ctx) {
        ServiceDirectory directory = ctx.directory();
        ServerInfo server = ctx.server();
        ctx.streamFeature(StreamStage.AFTER_AUTH, session -> feature(directory, new JID(session.domain())));
        ctx.contribute(ServiceDirectory.NodeInfoSource.class, (address, node, requester) -> info(directory, server, address, node));
        // Clients' capabilities, for modules that filter what they send (PEP's +notify, XEP-0163 §4.2).
        ClientCaps clients = new ClientCaps(ctx);
        ctx.contribute(ClientCapabilities.class, clients);
        ctx.onStanza(StanzaRoute.PRESENCE_FROM_CLIENT, 50, clients::presence);
        ctx.onStanza(StanzaRoute.PRESENCE_TO_ACCOUNT, 50, clients::remotePresence);
        ctx.on(SessionClosed.class, e -> clients.closed(e.session()));
    }

    /** The verification string of what disco#info to a served domain answers right now. */
    static String ver(ServiceDirectory directory, JID domain) {
        List<VerificationString.Identity> identities = directory.identities(IqScope.SERVER).stream()
                .map(i -> new VerificationString.Identity(i.category(), i.type(), null, i.name())).toList();
        List<DataForm> forms = directory.extendedInfo(IqScope.SERVER, domain);
        return VerificationString.sha1(identities, directory.features(IqScope.SERVER), forms);
    }

    /** The caps element, or null while no module answers disco#info: nobody could then check the hash. */
    static Element feature(ServiceDirectory directory, JID domain) {
        if (!directory.features(IqScope.SERVER).contains(DISCO_INFO)) {
            return null;
        }
        String ver = ver(directory, domain);
        Element c = DocumentHelper.createElement(QName.get("c", NS));
        c.addAttribute("hash", "sha-1");
        c.addAttribute("node", NODE);
        c.addAttribute("ver", ver);
        return c;
    }

    /**
     * disco#info for {@code NODE#ver} at a served domain: the same as without a node (XEP-0115
     * §6.2). Only the current ver is known; an old one is item-not-found, which tells the client
     * its cached hash is stale.
     */
    private static Optional<ServiceDirectory.NodeInfo> info(ServiceDirectory directory, ServerInfo server, JID address, String node) {
        if (address == null || address.getNode() != null || address.getResource() != null
                || !server.isLocalDomain(address.getDomain()) || node == null || !node.startsWith(NODE + "#")) {
            return Optional.empty();
        }
        JID domain = new JID(address.getDomain());
        if (!node.equals(NODE + "#" + ver(directory, domain))) {
            return Optional.empty();
        }
        return Optional.of(new ServiceDirectory.NodeInfo(directory.identities(IqScope.SERVER), directory.features(IqScope.SERVER),
                directory.extendedInfo(IqScope.SERVER, domain)));
    }
}
