package im.parley.module.roster;

import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.StanzaException;
import java.util.Optional;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * The subscription state machine of RFC 6121 §3 and Appendix A: outbound subscription stanzas
 * a user sends, and inbound ones arriving for a user from a contact.
 */
final class SubscriptionFlow {
    private final RosterStore store;
    private final RosterPushes pushes;
    private final ModuleContext ctx;

    SubscriptionFlow(RosterStore store, RosterPushes pushes, ModuleContext ctx) {
        this.store = store;
        this.pushes = pushes;
        this.ctx = ctx;
    }

    static boolean isSubscription(Presence.Type type) {
        return type == Presence.Type.subscribe || type == Presence.Type.subscribed
                || type == Presence.Type.unsubscribe || type == Presence.Type.unsubscribed;
    }

    /** A subscription stanza from a local client (RFC 6121 §3.1.2, §3.1.5, §3.2.2, §3.3.2). Consumes it. */
    boolean outbound(Packet stanza, Origin origin) throws StanzaException {
        Presence p = (Presence) stanza;
        if (p.getTo() == null || !isSubscription(p.getType()) || origin.jid() == null) {
            return false;
        }
        JID user = origin.jid().asBareJID();
        JID contact = p.getTo().asBareJID();
        if (contact.equals(user)) {
            throw new StanzaException(PacketError.Condition.not_allowed, "you always see your own presence");
        }
        // RFC 6121 §3.1.2: subscription stanzas leave stamped with the bare JID.
        Presence out = p.createCopy();
        out.setFrom(user);
        out.setTo(contact);
        switch (p.getType()) {
            case subscribe -> subscribe(user, contact, out);
            case subscribed -> approve(user, contact, out);
            case unsubscribe -> unsubscribe(user, contact, out);
            default -> cancel(user, contact, out);
        }
        return true;
    }

    private void subscribe(JID user, JID contact, Presence out) {
        RosterStore.Change c = store.update(user, contact, cur -> {
            RosterItem item = cur.orElse(RosterItem.of(contact));
            return Optional.of(item.subscription().hasTo() ? item : item.withAsk(true));
        });
        pushes.push(user, c);
        ctx.router().route(out);
    }

    private void approve(JID user, JID contact, Presence out) {
        boolean pendingIn = store.removePending(user, contact);
        if (!pendingIn) {
            // RFC 6121 §3.4: no request to answer, so this pre-approves a future one.
            RosterStore.Change c = store.update(user, contact, cur -> {
                RosterItem item = cur.orElse(RosterItem.of(contact));
                return Optional.of(item.subscription().hasFrom() ? item : item.withApproved(true));
            });
            pushes.push(user, c);
            return;
        }
        RosterStore.Change c = store.update(user, contact, cur -> Optional.of(
                cur.orElse(RosterItem.of(contact)).withApproved(false).withSubscription(
                        cur.map(RosterItem::subscription).orElse(Subscription.NONE).withFrom(true))));
        pushes.push(user, c);
        ctx.router().route(out);
        ctx.publish(new SubscriptionEvents.Approved(user, contact));
    }

    private void unsubscribe(JID user, JID contact, Presence out) {
        RosterStore.Change c = store.update(user, contact, cur -> cur.map(i -> i.withAsk(false)
                .withSubscription(i.subscription().withTo(false))));
        pushes.push(user, c);
        ctx.router().route(out);
    }

    private void cancel(JID user, JID contact, Presence out) {
        boolean pendingIn = store.removePending(user, contact);
        RosterStore.Change c = store.update(user, contact, cur -> cur.map(i -> i.withApproved(false)
                .withSubscription(i.subscription().withFrom(false))));
        pushes.push(user, c);
        boolean hadFrom = c.before().map(i -> i.subscription().hasFrom()).orElse(false);
        if (pendingIn || hadFrom) {
            ctx.router().route(out);
        }
        if (hadFrom) {
            ctx.publish(new SubscriptionEvents.Revoked(user, contact));
        }
    }

    /**
     * A subscription stanza for a local user from a contact (RFC 6121 §3.1.3, §3.1.6, §3.2.3,
     * §3.3.3). Returns false when the core should deliver it to the user's available resources.
     */
    boolean inbound(Packet stanza, Origin origin) {
        Presence p = (Presence) stanza;
        if (!isSubscription(p.getType()) || p.getFrom() == null) {
            return false;
        }
        JID user = p.getTo().asBareJID();
        JID contact = p.getFrom().asBareJID();
        p.setFrom(contact);
        p.setTo(user);
        return switch (p.getType()) {
            case subscribe -> subscribeRequest(user, contact, p);
            case subscribed -> subscribed(user, contact);
            case unsubscribe -> unsubscribeReceived(user, contact);
            default -> unsubscribedReceived(user, contact);
        };
    }

    private boolean subscribeRequest(JID user, JID contact, Presence request) {
        Optional<RosterItem> item = store.item(user, contact);
        if (item.map(i -> i.subscription().hasFrom()).orElse(false)) {
            reply(user, contact, Presence.Type.subscribed); // RFC 6121 §3.1.3: already approved
            return true;
        }
        if (item.map(RosterItem::approved).orElse(false)) {
            RosterStore.Change c = store.update(user, contact, cur -> cur.map(i -> i.withApproved(false)
                    .withSubscription(i.subscription().withFrom(true))));
            pushes.push(user, c);
            reply(user, contact, Presence.Type.subscribed);
            ctx.publish(new SubscriptionEvents.Approved(user, contact));
            return true;
        }
        // Kept until answered, and delivered again when the user next comes online (RFC 6121 §3.1.3).
        store.addPending(user, new PendingSubscription(contact, request.toXML()));
        return false;
    }

    private boolean subscribed(JID user, JID contact) {
        RosterStore.Change c = store.update(user, contact, cur -> cur.map(i -> i.ask()
                ? i.withAsk(false).withSubscription(i.subscription().withTo(true)) : i));
        if (!c.changed()) {
            return true; // RFC 6121 §3.1.6: not asked for, so not delivered
        }
        pushes.push(user, c);
        return false;
    }

    private boolean unsubscribeReceived(JID user, JID contact) {
        boolean pendingIn = store.removePending(user, contact);
        RosterStore.Change c = store.update(user, contact, cur -> cur.map(i -> i.withSubscription(i.subscription().withFrom(false))));
        pushes.push(user, c);
        if (c.before().map(i -> i.subscription().hasFrom()).orElse(false)) {
            ctx.publish(new SubscriptionEvents.Revoked(user, contact));
        }
        return !(c.changed() || pendingIn);
    }

    private boolean unsubscribedReceived(JID user, JID contact) {
        RosterStore.Change c = store.update(user, contact, cur -> cur.map(i -> i.withAsk(false)
                .withSubscription(i.subscription().withTo(false))));
        pushes.push(user, c);
        return !c.changed();
    }

    private void reply(JID user, JID contact, Presence.Type type) {
        ctx.router().route(RosterIq.subscription(user, contact, type));
    }
}
