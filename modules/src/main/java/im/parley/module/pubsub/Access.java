package im.parley.module.pubsub;

import im.parley.api.StanzaException;
import im.parley.module.roster.RosterItem;
import im.parley.module.roster.Rosters;
import java.util.Optional;
import java.util.function.Supplier;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * The access models of XEP-0060 §4.5: who may retrieve a node's items and subscribe to it. The
 * presence and roster models look at the roster of the node's owner: the account for PEP, the
 * node's first owner on the pubsub component.
 */
public final class Access {
    private final Supplier<Optional<Rosters>> rosters;

    public Access(Supplier<Optional<Rosters>> rosters) {
        this.rosters = rosters;
    }

    /** Whether the requester may see the node's items. */
    public boolean allows(NodeStore.Node node, JID owner, Affiliation affiliation, JID requester) {
        try {
            check(node, owner, affiliation, requester);
            return true;
        } catch (StanzaException e) {
            return false;
        }
    }

    /**
     * Whether a contact may see the node, given the owner's roster item for it (read once for many
     * nodes or contacts by the caller).
     */
    public static boolean allows(NodeStore.Node node, Affiliation affiliation, Optional<RosterItem> item) {
        try {
            check(node, affiliation, () -> item);
            return true;
        } catch (StanzaException e) {
            return false;
        }
    }

    /** Throws the XEP-0060 §6.1.3 / §6.5.9 error when the requester may not see the node's items. */
    public void check(NodeStore.Node node, JID owner, Affiliation affiliation, JID requester) throws StanzaException {
        check(node, affiliation, () -> owner == null ? Optional.empty() : item(owner, requester.asBareJID()));
    }

    private static void check(NodeStore.Node node, Affiliation affiliation, Supplier<Optional<RosterItem>> item)
            throws StanzaException {
        if (affiliation == Affiliation.OWNER || affiliation == Affiliation.PUBLISHER) {
            return;
        }
        if (affiliation == Affiliation.OUTCAST) {
            // XEP-0060 §6.1.3.8: outcasts are blocked.
            throw new StanzaException(PacketError.Condition.forbidden, "you are banned from this node");
        }
        switch (node.config().accessModel()) {
            case "open" -> {
            }
            case "presence" -> {
                // XEP-0060 §6.1.3.2: the owner's presence subscription is required.
                if (!item.get().map(i -> i.subscription().hasFrom()).orElse(false)) {
                    throw PubSub.error(PacketError.Condition.not_authorized, "presence-subscription-required",
                            "only contacts who see the owner's presence may see this node");
                }
            }
            case "roster" -> {
                // XEP-0060 §6.1.3.3: the requester must be in one of the allowed roster groups.
                boolean inGroup = item.get().map(i -> i.groups().stream().anyMatch(node.config().rosterGroups()::contains)).orElse(false);
                if (!inGroup) {
                    throw PubSub.error(PacketError.Condition.not_authorized, "not-in-roster-group",
                            "only contacts in some of the owner's roster groups may see this node");
                }
            }
            default -> {
                // XEP-0060 §6.1.3.4: whitelist; members pass.
                if (affiliation != Affiliation.MEMBER) {
                    throw PubSub.error(PacketError.Condition.not_allowed, "closed-node", "this node is whitelist-only");
                }
            }
        }
    }

    private Optional<RosterItem> item(JID owner, JID contact) {
        return rosters.get().flatMap(r -> r.item(owner.asBareJID(), contact));
    }
}
