package im.parley.module.blocking;

import java.util.HashSet;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * One account's blocked JIDs, immutable, answering whether an address is blocked by the matching
 * rules of XEP-0191 (JID Matching, the rules of XEP-0016 §2.1).
 */
public final class BlockList {
    static final BlockList EMPTY = new BlockList(Set.of());

    private final Set<JID> items;
    /** The items as strings, the form the candidates of an address are looked up in. */
    private final Set<String> keys;

    public BlockList(Set<JID> items) {
        this.items = Set.copyOf(items);
        Set<String> k = new HashSet<>();
        items.forEach(jid -> k.add(jid.toString()));
        this.keys = Set.copyOf(k);
    }

    public Set<JID> items() {
        return items;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    int size() {
        return items.size();
    }

    /**
     * Whether an item matches the address: user@domain/resource matches only that resource,
     * user@domain any of its resources, domain/resource only that, and a domain the domain itself,
     * every address at it and every address at one of its subdomains.
     */
    public boolean blocks(JID address) {
        if (keys.isEmpty() || address == null) {
            return false;
        }
        String domain = address.getDomain();
        String resource = address.getResource();
        if (keys.contains(address.toString())) {
            return true;
        }
        if (address.getNode() != null && resource != null && keys.contains(address.toBareJID())) {
            return true;
        }
        if (resource != null && keys.contains(domain + "/" + resource)) {
            return true;
        }
        for (String d = domain; d != null; d = parent(d)) {
            if (keys.contains(d)) {
                return true;
            }
        }
        return false;
    }

    /** The domain one label up ("example.org" for "chat.example.org"), or null at the top. */
    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 || dot == domain.length() - 1 ? null : domain.substring(dot + 1);
    }
}
