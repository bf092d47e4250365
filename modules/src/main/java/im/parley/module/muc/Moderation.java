package im.parley.module.muc;

import im.parley.api.StanzaException;
import java.util.List;
import java.util.function.Consumer;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Role and affiliation changes with the XEP's rules on who may change whom (XEP-0045 §8, §9,
 * §10), and what occupants see of them: kicks (307), bans (301), removals on losing membership (321).
 */
final class Moderation {
    private final Muc muc;

    Moderation(Muc muc) {
        this.muc = muc;
    }

    /** The acting occupant and affiliation; null actor for the room itself. */
    record Actor(Occupant occupant, Affiliation affiliation) {
        String nick() {
            return occupant == null ? null : occupant.nick();
        }
    }

    /** Changes an occupant's role (§8.2 kick, §8.3/§8.4 voice, §9.6/§9.7 moderator). */
    void setRole(Room room, Actor actor, Occupant target, Role role, String reason) throws StanzaException {
        Affiliation targetAff = room.affiliation(target.user());
        if (actor != null) {
            if (actor.occupant() == null || actor.occupant().role() != Role.MODERATOR) {
                throw MucXml.error(PacketError.Condition.forbidden, "only moderators may change roles"); // §8
            }
            if (role != Role.MODERATOR && targetAff.atLeast(Affiliation.ADMIN) && !actor.affiliation().above(targetAff)) {
                // §8.2, §8.4, §9.7: no lower or equal affiliation may kick, silence or demote an admin or owner
                throw MucXml.error(PacketError.Condition.not_allowed, "that occupant's affiliation is too high");
            }
            boolean moderatorChange = role == Role.MODERATOR || target.role() == Role.MODERATOR && role != Role.NONE;
            if (moderatorChange && !actor.affiliation().atLeast(Affiliation.ADMIN)) {
                throw MucXml.error(PacketError.Condition.forbidden, "only admins and owners grant or revoke moderator"); // §9.6
            }
        }
        Consumer<Element> item = details(actor, reason);
        if (role == Role.NONE) {
            muc.presences().remove(room, target, List.of(307), item, null); // §8.2
            muc.presences().closeIfEmpty(room);
            return;
        }
        target.role(role);
        muc.presences().broadcast(room, target, target.presence(), target.presence().getFrom(), List.of(), List.of(), item, false);
    }

    /** Changes a user's affiliation (§9.1 ban, §9.3 member, §10.3 owner, §10.6 admin, and revocations). */
    void setAffiliation(Room room, Actor actor, JID user, Affiliation to, String reason) throws StanzaException {
        String bare = user.toBareJID();
        StoredAffiliation entry = room.affiliationEntry(bare);
        Affiliation current = entry == null ? Affiliation.NONE : entry.affiliation();
        if (actor != null) {
            if (!actor.affiliation().atLeast(Affiliation.ADMIN)) {
                throw MucXml.error(PacketError.Condition.forbidden, "only admins and owners change affiliations"); // §9
            }
            boolean privileged = to.atLeast(Affiliation.ADMIN) || current.atLeast(Affiliation.ADMIN);
            if (privileged && actor.affiliation() != Affiliation.OWNER) {
                // §9.1, §10.3: admins may not touch owners and admins, nor make them
                throw MucXml.error(current.atLeast(Affiliation.ADMIN) ? PacketError.Condition.not_allowed
                        : PacketError.Condition.forbidden, "only owners grant or revoke admin and owner");
            }
        }
        if (current == Affiliation.OWNER && to != Affiliation.OWNER && room.affiliated(Affiliation.OWNER).size() == 1) {
            throw MucXml.error(PacketError.Condition.conflict, "a room keeps at least one owner"); // §10.6
        }
        if (current == to) {
            return;
        }
        StoredAffiliation updated = new StoredAffiliation(bare, to, entry == null || to == Affiliation.OUTCAST ? null
                : entry.nick(), reason);
        room.affiliate(updated);
        muc.rooms().persistAffiliation(room, updated);
        Occupant o = room.byUser(user);
        if (o == null) {
            return;
        }
        Consumer<Element> item = details(actor, reason);
        if (to == Affiliation.OUTCAST) {
            muc.presences().remove(room, o, List.of(301), item, null); // §9.1
            muc.presences().closeIfEmpty(room);
        } else if (room.config().membersOnly() && !to.atLeast(Affiliation.MEMBER)) {
            muc.presences().remove(room, o, List.of(321), item, null); // §9.4
            muc.presences().closeIfEmpty(room);
        } else {
            o.role(roleAfter(room, o, current, to));
            muc.presences().broadcast(room, o, o.presence(), o.presence().getFrom(), List.of(), List.of(), item, false);
        }
    }

    /** An occupant's role once its affiliation changed: admins moderate; those who lose it get the default. */
    private static Role roleAfter(Room room, Occupant o, Affiliation was, Affiliation now) {
        if (now.atLeast(Affiliation.ADMIN)) {
            return Role.MODERATOR;
        }
        if (was.atLeast(Affiliation.ADMIN)) {
            return room.defaultRole(now);
        }
        if (now == Affiliation.MEMBER && o.role() == Role.VISITOR) {
            return Role.PARTICIPANT;
        }
        return o.role();
    }

    /** The item's actor and reason (§8.2, §9.1). */
    private static Consumer<Element> details(Actor actor, String reason) {
        return item -> {
            if (actor != null && actor.nick() != null) {
                item.addElement("actor").addAttribute("nick", actor.nick());
            }
            if (reason != null && !reason.isEmpty()) {
                item.addElement("reason").setText(reason);
            }
        };
    }
}
