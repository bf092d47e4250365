package im.parley.module.roster;

import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.routing.Router;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/** Roster get and set (RFC 6121 §2.2, §2.3, §2.5) with roster versioning (XEP-0237 as part of RFC 6121 §2.6). */
final class RosterIq {
    private final RosterStore store;
    private final RosterPushes pushes;
    private final RosterConfig config;
    private final Router router;
    private final im.parley.api.ModuleContext ctx;

    RosterIq(RosterStore store, RosterPushes pushes, RosterConfig config, im.parley.api.ModuleContext ctx) {
        this.store = store;
        this.pushes = pushes;
        this.config = config;
        this.router = ctx.router();
        this.ctx = ctx;
    }

    private static JID owner(IQ request, Origin origin) throws StanzaException {
        // RFC 6121 §2.3.3: only the account itself may read or change its roster.
        if (origin.kind() != Origin.Kind.CLIENT
                || (request.getTo() != null && !request.getTo().toBareJID().equals(origin.jid().toBareJID()))) {
            throw new StanzaException(PacketError.Condition.forbidden, "you can only use your own roster");
        }
        return origin.jid().asBareJID();
    }

    IQ get(IQ request, Origin origin) throws StanzaException {
        JID owner = owner(request, origin);
        origin.session().ifPresent(s -> s.flag(RosterPushes.INTERESTED, true));
        Roster roster = store.roster(owner);
        String clientVersion = request.getChildElement().attributeValue("ver");
        IQ result = IQ.createResultIQ(request);
        if (clientVersion != null && clientVersion.equals(Long.toString(roster.version()))) {
            return result; // RFC 6121 §2.6.3: unchanged since the client's copy: an empty result
        }
        Element query = result.setChildElement("query", RosterXml.NS);
        if (clientVersion != null) {
            query.addAttribute("ver", Long.toString(roster.version()));
        }
        roster.items().forEach(i -> query.add(RosterXml.item(i)));
        return result;
    }

    IQ set(IQ request, Origin origin) throws StanzaException {
        JID owner = owner(request, origin);
        List<Element> items = request.getChildElement().elements("item");
        if (items.size() != 1 || request.getChildElement().elements().size() != 1) {
            throw new StanzaException(PacketError.Condition.bad_request, "a roster set carries exactly one item");
        }
        Element item = items.get(0);
        JID contact = contact(item, owner);
        if ("remove".equals(item.attributeValue("subscription"))) {
            if (store.item(owner, contact).isEmpty() && store.pending(owner, contact).isEmpty()) {
                throw new StanzaException(PacketError.Condition.item_not_found, "no such contact"); // RFC 6121 §2.5.3
            }
            remove(owner, contact);
            return IQ.createResultIQ(request);
        }
        String name = item.attributeValue("name");
        if (name != null && name.length() > config.maxNameLength()) {
            throw new StanzaException(PacketError.Condition.not_acceptable, "the name is longer than " + config.maxNameLength());
        }
        Set<String> groups = groups(item);
        if (store.item(owner, contact).isEmpty() && store.size(owner) >= config.maxItems()) {
            throw new StanzaException(PacketError.Condition.not_allowed, "the roster is full (" + config.maxItems() + " contacts)");
        }
        // Clients cannot set subscription states (RFC 6121 §2.1.2.5); only name and groups change.
        RosterStore.Change change = store.update(owner, contact, current ->
                Optional.of(current.orElse(RosterItem.of(contact)).withNameAndGroups(name, groups)));
        pushes.push(owner, change);
        return IQ.createResultIQ(request);
    }

    private static JID contact(Element item, JID owner) throws StanzaException {
        String jid = item.attributeValue("jid");
        if (jid == null || jid.isBlank()) {
            throw new StanzaException(PacketError.Condition.bad_request, "the item needs a jid");
        }
        JID contact;
        try {
            contact = new JID(jid).asBareJID();
        } catch (IllegalArgumentException e) {
            throw new StanzaException(PacketError.Condition.jid_malformed, "'" + jid + "' is not a valid address");
        }
        if (contact.equals(owner)) {
            throw new StanzaException(PacketError.Condition.not_allowed, "your own address is not a contact");
        }
        return contact;
    }

    private Set<String> groups(Element item) throws StanzaException {
        Set<String> groups = new HashSet<>();
        List<Element> elements = item.elements("group");
        if (elements.size() > config.maxGroups()) {
            throw new StanzaException(PacketError.Condition.not_acceptable, "at most " + config.maxGroups() + " groups");
        }
        for (Element g : elements) {
            String group = g.getText();
            if (group.isEmpty()) {
                throw new StanzaException(PacketError.Condition.not_acceptable, "a group name cannot be empty");
            }
            if (group.length() > config.maxGroupLength()) {
                throw new StanzaException(PacketError.Condition.not_acceptable, "a group name is longer than " + config.maxGroupLength());
            }
            if (!groups.add(group)) {
                throw new StanzaException(PacketError.Condition.bad_request, "group '" + group + "' is named twice");
            }
        }
        return groups;
    }

    /** RFC 6121 §2.5.2: removing a contact also cancels subscriptions both ways. */
    void remove(JID owner, JID contact) {
        boolean pendingIn = store.removePending(owner, contact);
        RosterStore.Change change = store.update(owner, contact, current -> Optional.empty());
        Optional<RosterItem> before = change.before();
        if (before.map(i -> i.subscription().hasTo() || i.ask()).orElse(false)) {
            router.route(subscription(owner, contact, Presence.Type.unsubscribe));
        }
        if (pendingIn || before.map(i -> i.subscription().hasFrom()).orElse(false)) {
            router.route(subscription(owner, contact, Presence.Type.unsubscribed));
        }
        if (before.map(i -> i.subscription().hasFrom()).orElse(false)) {
            ctx.publish(new SubscriptionEvents.Revoked(owner, contact));
        }
        pushes.push(owner, change);
    }

    static Presence subscription(JID from, JID to, Presence.Type type) {
        Presence p = new Presence(type);
        p.setFrom(from.asBareJID());
        p.setTo(to.asBareJID());
        return p;
    }
}
