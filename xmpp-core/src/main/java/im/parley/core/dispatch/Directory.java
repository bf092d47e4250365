package im.parley.core.dispatch;

import im.parley.api.IqScope;
import im.parley.api.Origin;
import im.parley.api.disco.Identity;
import im.parley.api.disco.Item;
import im.parley.api.disco.ServiceDirectory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmpp.packet.JID;
import java.util.Set;
import java.util.TreeSet;

/** Features, identities and items that modules registered, as service discovery reports them. */
final class Directory implements ServiceDirectory {
    private final Map<IqScope, Ordered<String>> features = new EnumMap<>(IqScope.class);
    private final Map<IqScope, Ordered<Identity>> identities = new EnumMap<>(IqScope.class);
    private final Contributions contributions;

    Directory(Contributions contributions) {
        this.contributions = contributions;
        for (IqScope scope : IqScope.values()) {
            features.put(scope, new Ordered<>());
            identities.put(scope, new Ordered<>());
        }
    }

    Runnable addFeature(IqScope scope, String owner, String var) {
        return features.get(scope).add(0, owner, var);
    }

    Runnable addIdentity(IqScope scope, String owner, Identity identity) {
        return identities.get(scope).add(0, owner, identity);
    }

    @Override
    public Set<String> features(IqScope scope) {
        Set<String> result = new TreeSet<>();
        features.get(scope).snapshot().forEach(o -> result.add(o.value()));
        return result;
    }

    @Override
    public List<Identity> identities(IqScope scope) {
        List<Identity> result = new ArrayList<>();
        identities.get(scope).snapshot().forEach(o -> {
            if (!result.contains(o.value())) {
                result.add(o.value());
            }
        });
        return result;
    }

    @Override
    public List<Item> items(JID address, String node, Origin requester) {
        List<Item> result = new ArrayList<>();
        for (ItemSource source : contributions.of(ItemSource.class)) {
            result.addAll(source.items(address, node, requester));
        }
        return result;
    }

    @Override
    public List<org.xmpp.forms.DataForm> extendedInfo(IqScope scope, JID address) {
        List<org.xmpp.forms.DataForm> forms = new ArrayList<>();
        for (ExtendedInfoSource source : contributions.of(ExtendedInfoSource.class)) {
            forms.addAll(source.forms(scope, address));
        }
        return forms;
    }

    @Override
    public Optional<NodeInfo> nodeInfo(JID address, String node, Origin requester) {
        for (NodeInfoSource source : contributions.of(NodeInfoSource.class)) {
            Optional<NodeInfo> info = source.info(address, node, requester);
            if (info.isPresent()) {
                return info;
            }
        }
        return Optional.empty();
    }
}
