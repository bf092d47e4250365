package im.parley.module.push;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.Phase;
import im.parley.api.StanzaException;
import im.parley.api.StanzaRoute;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.event.AccountDeleted;
import im.parley.api.event.SessionDetached;
import im.parley.api.storage.InMemoryUserDocumentStore;
import im.parley.api.storage.UserDocumentStore;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Push notifications (XEP-0357): a device registers its app server; when a message arrives while
 * the device's session waits for it to come back (stream management) or the user is offline, the
 * app server gets a summary, which it turns into a wake-up for the phone.
 */
@Configured(PushConfig.class)
@Xep(number = 357, version = "0.4.1")
public final class PushModule implements Module {
    static final String NS = "urn:xmpp:push:0";
    /** After blocking and carbons: a refused message wakes nobody. */
    private static final int PRIORITY = 300;

    private ModuleContext ctx;
    private PushConfig config;
    private Registrations registrations;
    private Notifier notifier;

    @Override
    public String name() {
        return "push";
    }

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config(PushConfig.class);
        this.registrations = new Registrations(ctx.repository(UserDocumentStore.class, InMemoryUserDocumentStore::new));
        this.notifier = new Notifier(ctx, config, registrations);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, NS, "enable", this::enable);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, NS, "disable", this::disable);
        ctx.intercept(Phase.DELIVERY, PRIORITY, (stanza, session) -> {
            if (session.detached() && stanza instanceof Message m && Notifier.wakes(m)) {
                notifier.notify(session.address().asBareJID(), m, session.address().getResource());
            }
            return stanza;
        });
        // Before offline storage (100), which takes the message: the user has no session at all.
        ctx.onStanza(StanzaRoute.MESSAGE_UNDELIVERABLE, 50, this::offline);
        ctx.on(AccountDeleted.class, e -> registrations.disable(e.account(), null, null));
        // Messages written to a connection that was already dead: the device never saw them.
        ctx.on(SessionDetached.class, e -> e.unacknowledged().stream().filter(Notifier::wakes)
                .reduce((first, second) -> second)
                .ifPresent(last -> notifier.notify(e.session().address().asBareJID(), last,
                        e.session().address().getResource())));
    }

    private boolean offline(Packet stanza, Origin origin) {
        Message message = (Message) stanza;
        if (Notifier.wakes(message) && message.getTo() != null) {
            notifier.notify(message.getTo().asBareJID(), message, null);
        }
        return false; // offline storage keeps it
    }

    /** §5: the device's app server and node, with optional publish options. */
    private IQ enable(IQ request, Origin origin) throws StanzaException {
        JID account = own(request, origin);
        Element enable = request.getChildElement();
        JID appServer = appServer(enable);
        String node = enable.attributeValue("node");
        if (node == null || node.isEmpty()) {
            throw new StanzaException(PacketError.Condition.bad_request, "'node' is required");
        }
        Element options = enable.element(org.dom4j.QName.get("x", "jabber:x:data"));
        String resource = origin.jid().getResource();
        if (!registrations.enable(account, new Registrations.Registration(appServer, node,
                resource == null ? "" : resource, options == null ? null : options.asXML()), config.maxRegistrations())) {
            throw new StanzaException(PacketError.Condition.resource_constraint,
                    "at most " + config.maxRegistrations() + " push registrations per account");
        }
        return IQ.createResultIQ(request);
    }

    /** §5: one node of an app server, or all of them. */
    private IQ disable(IQ request, Origin origin) throws StanzaException {
        JID account = own(request, origin);
        Element disable = request.getChildElement();
        registrations.disable(account, appServer(disable), disable.attributeValue("node"));
        return IQ.createResultIQ(request);
    }

    private static JID own(IQ request, Origin origin) throws StanzaException {
        if (origin.kind() != Origin.Kind.CLIENT
                || (request.getTo() != null && !request.getTo().toBareJID().equals(origin.jid().toBareJID()))) {
            throw new StanzaException(PacketError.Condition.forbidden, "push is set up for your own account");
        }
        return origin.jid().asBareJID();
    }

    private static JID appServer(Element element) throws StanzaException {
        String jid = element.attributeValue("jid");
        try {
            if (jid == null) {
                throw new IllegalArgumentException("missing");
            }
            return new JID(jid);
        } catch (IllegalArgumentException e) {
            throw new StanzaException(PacketError.Condition.bad_request, "'jid' must be the app server's address");
        }
    }
}
