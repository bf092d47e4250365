package im.parley.api.disco;

import im.parley.api.IqScope;
import im.parley.api.Origin;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;

/**
 * What modules have registered for service discovery (XEP-0030); read by the disco module.
 * Modules add node-level information by contributing {@link ItemSource}s and {@link NodeInfoSource}s.
 */
public interface ServiceDirectory {

    /** Features of the server (SERVER) or of every account (ACCOUNT). */
    Set<String> features(IqScope scope);

    List<Identity> identities(IqScope scope);

    /** Items at an address (a domain or an account) and optional node, as the requester may see them. */
    List<Item> items(JID address, String node, Origin requester);

    /** disco#info of a node at an address, if some module owns that node. */
    Optional<NodeInfo> nodeInfo(JID address, String node, Origin requester);

    /** XEP-0128 extended information (data forms) of disco#info without a node at an address. */
    List<DataForm> extendedInfo(IqScope scope, JID address);

    /**
     * Contributes XEP-0128 data forms, each with a hidden FORM_TYPE, to disco#info without a node.
     * Two forms with one FORM_TYPE make the answer ill-formed (XEP-0115 §5.4), so each FORM_TYPE
     * belongs to one module.
     */
    interface ExtendedInfoSource {
        /** Forms for a served domain (SERVER) or an account's bare JID (ACCOUNT); empty for none. */
        List<DataForm> forms(IqScope scope, JID address);
    }

    /** Contributes disco#items entries. */
    interface ItemSource {
        List<Item> items(JID address, String node, Origin requester);
    }

    /** Answers disco#info for the nodes a module owns; empty for nodes it does not know. */
    interface NodeInfoSource {
        Optional<NodeInfo> info(JID address, String node, Origin requester);
    }

    /** The identities, features and XEP-0128 forms of one node. */
    record NodeInfo(List<Identity> identities, Set<String> features, List<DataForm> forms) {
        public NodeInfo {
            identities = List.copyOf(identities);
            features = Set.copyOf(features);
            forms = List.copyOf(forms);
        }

        public NodeInfo(List<Identity> identities, Set<String> features) {
            this(identities, features, List.of());
        }
    }
}
