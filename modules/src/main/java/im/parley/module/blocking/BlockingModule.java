package im.parley.module.blocking;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.Phase;
import im.parley.api.StanzaException;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.event.AccountDeleted;
import im.parley.api.event.SessionClosed;
import im.parley.api.session.LocalSession;
import im.parley.api.routing.Route;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * XEP-0191 blocking command: users keep a list of addresses they block, and the server keeps
 * stanzas between them and those addresses from passing in either direction.
 */
@Configured(BlockingConfig.class)
@Xep(number = 191, version = "1.3")
public final class BlockingModule implements Module {
    public static final String NS = "urn:xmpp:blocking";
    /**
     * Interceptor priority: early, so that what a block refuses is neither archived nor copied to
     * other resources by the modules that run later.
     */
    static final int PRIORITY = 100;
    /** Set on the sessions that asked for the list: only they get pushes (XEP-0191 §3.3). */
    /** Route flag of a session that asked for the list, so pushes reach it on any node. */
    private static final String INTERESTED = "blocking.requested-list";

    private ModuleContext ctx;
    private BlockingConfig config;
    private BlockLists lists;

    @Override
    public String name() {
        return "blocking";
    }

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config(BlockingConfig.class);
        this.lists = new BlockLists(ctx.repository(BlockListStore.class, InMemoryBlockListStore::new), ctx.routes(),
                ctx.cluster());
        ctx.scheduler().scheduleAtFixedRate(Duration.ofMinutes(1), Duration.ofMinutes(1), lists::sweep);
        ctx.cluster().onNotice(BlockLists.CHANGED, lists::changedElsewhere);
        BlockingEnforcer enforcer = new BlockingEnforcer(lists, ctx.server());
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, NS, "blocklist", this::blocklist);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, NS, "block", this::block);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, NS, "unblock", this::unblock);
        // XEP-0191 §3.1: clients look for the feature in the server's own disco#info, while the
        // handlers above only add it to accounts'.
        ctx.feature(IqScope.SERVER, NS);
        ctx.intercept(Phase.INBOUND, PRIORITY, enforcer::inbound);
        ctx.intercept(Phase.DELIVERY, PRIORITY, enforcer::delivery);
        ctx.on(SessionClosed.class, e -> lists.evictIfOffline(e.session().address()));
        ctx.on(AccountDeleted.class, e -> lists.clear(e.account()));
    }

    /** XEP-0191 §3.2: the list, and from now on this session gets pushes. */
    private IQ blocklist(IQ request, Origin origin) throws StanzaException {
        JID account = ownAccount(request, origin);
        origin.session().ifPresent(s -> s.flag(INTERESTED, true));
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("blocklist", NS);
        lists.of(account).items().stream()
                .map(JID::toString)
                .sorted(Comparator.naturalOrder())
                .forEach(jid -> list.addElement("item").addAttribute("jid", jid));
        return result;
    }

    /** XEP-0191 §3.3. */
    private IQ block(IQ request, Origin origin) throws StanzaException {
        JID account = ownAccount(request, origin);
        Set<JID> items = items(request.getChildElement());
        if (items.isEmpty()) {
            throw new StanzaException(PacketError.Condition.bad_request, "name at least one address to block"); // §3.3 MUST
        }
        if (lists.block(account, items, config.maxItems()) == null) {
            // A limit the server sets, which waiting will not lift: not-acceptable rather than resource-constraint.
            throw new StanzaException(PacketError.Condition.not_acceptable,
                    "a block list holds at most " + config.maxItems() + " addresses");
        }
        push(account, "block", items);
        // XEP-0191 §3.3: the presence module takes the user's presence back from the newly blocked.
        ctx.publish(new BlockingEvents.Blocked(account, new BlockList(items)));
        return IQ.createResultIQ(request);
    }

    /** XEP-0191 §3.4, and §3.5 for an empty {@code <unblock/>}. */
    private IQ unblock(IQ request, Origin origin) throws StanzaException {
        JID account = ownAccount(request, origin);
        Set<JID> items = items(request.getChildElement());
        BlockList unblocked;
        if (items.isEmpty()) {
            unblocked = lists.clear(account);
        } else {
            lists.unblock(account, items);
            unblocked = new BlockList(items);
        }
        push(account, "unblock", items);
        // XEP-0191 §3.4: the presence module sends the user's presence to unblocked contacts that may see it.
        ctx.publish(new BlockingEvents.Unblocked(account, unblocked));
        return IQ.createResultIQ(request);
    }

    /** Block lists are private: only the account itself reads or changes its own (no 'to', or its bare JID). */
    private static JID ownAccount(IQ request, Origin origin) throws StanzaException {
        JID to = request.getTo();
        if (origin.kind() != Origin.Kind.CLIENT || (to != null && !origin.isAccount(to))) {
            throw new StanzaException(PacketError.Condition.forbidden, "you can only use your own block list");
        }
        return origin.jid().asBareJID();
    }

    /** The addresses of a block or unblock element's items, in their order, without repeats. */
    private static Set<JID> items(Element command) throws StanzaException {
        Set<JID> items = new LinkedHashSet<>();
        for (Element item : command.elements("item")) {
            String jid = item.attributeValue("jid");
            if (jid == null) {
                throw new StanzaException(PacketError.Condition.bad_request, "an item needs a 'jid'");
            }
            try {
                items.add(new JID(jid));
            } catch (IllegalArgumentException e) {
                throw new StanzaException(PacketError.Condition.jid_malformed, "'" + jid + "' is not a valid address");
            }
        }
        return items;
    }

    /** XEP-0191 §3.3–3.5: every resource that asked for the list learns of the change. */
    private void push(JID account, String command, Set<JID> items) {
        for (Route route : ctx.routes().routes(account)) {
            if (!route.flagged(INTERESTED)) {
                continue;
            }
            IQ push = new IQ(IQ.Type.set);
            push.setFrom(account);
            push.setTo(route.address());
            Element element = push.setChildElement(command, NS);
            items.forEach(jid -> element.addElement("item").addAttribute("jid", jid.toString()));
            ctx.router().route(push);
        }
    }

}
