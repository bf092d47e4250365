package im.parley.api.disco;

import im.parley.api.IqScope;
import java.util.List;
import java.util.Set;

/** What modules have registered for service discovery; read by the disco module. */
public interface ServiceDirectory {

    Set<String> features(IqScope scope);

    List<Identity> identities(IqScope scope);

    /** Items of a domain (its services), or of a node on it. */
    List<Item> items(String domain, String node);

    /** Adds items that a module publishes under a domain (and optionally a node). */
    interface ItemSource {
        List<Item> items(String domain, String node);
    }
}
