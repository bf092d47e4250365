package im.parley.module.presence;

import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.routing.Route;
import im.parley.api.session.LocalSession;
import im.parley.module.roster.Rosters;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Presence probes (RFC 6121 §4.3): sent for a user coming online to the contacts it is
 * subscribed to, and answered for a user with the presence of its available resources.
 */
final class PresenceProbes {
    private final ModuleContext ctx;
    private final LastActivity lastActivity;

    PresenceProbes(ModuleContext ctx, LastActivity lastActivity) {
        this.ctx = ctx;
        this.lastActivity = lastActivity;
    }

    /** RFC 6121 §4.2.2: a user's initial presence probes its contacts and shows it its own other resources. */
    void initialPresence(LocalSession session) {
        JID user = session.address().asBareJID();
        probeContacts(session);
        for (Route other : ctx.routes().routes(user)) {
            if (!other.address().equals(session.address()) && other.available() && other.presence() != null) {
                Presence copy = other.presence().createCopy();
                copy.setFrom(other.address());
                copy.setTo(session.address());
                session.deliver(copy);
            }
        }
    }

    /** RFC 6121 §4.3.1: asks for the presence of every contact the user is subscribed to. */
    void probeContacts(LocalSession session) {
        JID user = session.address().asBareJID();
        List<JID> contacts = ctx.service(Rosters.class).map(r -> r.presenceSubscriptions(user)).orElse(List.of());
        for (JID contact : contacts) {
            Presence probe = new Presence(Presence.Type.probe);
            probe.setFrom(session.address());
            probe.setTo(contact);
            ctx.router().route(probe);
        }
    }

    /** RFC 6121 §4.3.2: answers a probe for a local user; always consumes it. */
    boolean answer(Packet stanza, Origin origin) {
        Presence probe = (Presence) stanza;
        if (probe.getType() != Presence.Type.probe) {
            return false;
        }
        JID user = probe.getTo().asBareJID();
        JID prober = probe.getFrom();
        if (prober == null) {
            return true;
        }
        boolean self = prober.asBareJID().equals(user);
        boolean subscribed = self || ctx.service(Rosters.class).map(r -> r.isSubscribedTo(user, prober.asBareJID())).orElse(false);
        if (!subscribed) {
            reply(user, prober, new Presence(Presence.Type.unsubscribed));
            return true;
        }
        boolean any = false;
        for (Route r : ctx.routes().routes(user)) {
            if (PresenceState.visiblyAvailable(r)) {
                Presence current = r.presence().createCopy();
                current.setFrom(r.address());
                current.setTo(prober);
                ctx.router().route(current);
                any = true;
            }
        }
        if (!any) {
            Presence unavailable = new Presence(Presence.Type.unavailable);
            lastActivity.lastSeen(user).ifPresent(seen -> {
                // XEP-0203 on the last unavailable presence tells when the user was last seen.
                Element delay = unavailable.addChildElement("delay", "urn:xmpp:delay");
                delay.addAttribute("from", user.getDomain());
                delay.addAttribute("stamp", DateTimeFormatter.ISO_INSTANT.format(seen.at().atOffset(ZoneOffset.UTC)));
                if (seen.status() != null) {
                    unavailable.setStatus(seen.status());
                }
            });
            reply(user, prober, unavailable);
        }
        return true;
    }

    private void reply(JID user, JID to, Presence presence) {
        presence.setFrom(user);
        presence.setTo(to);
        ctx.router().route(presence);
    }
}
