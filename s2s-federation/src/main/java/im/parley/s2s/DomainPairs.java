package im.parley.s2s;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

/**
 * The domain pairs (remote domain, local domain) an incoming stream has authenticated, and the
 * check every stanza on it passes: only those domains may send, and only to the domain they
 * authenticated for (RFC 6120 §4.9.3.9, XEP-0220 §2.4).
 */
final class DomainPairs {
    /** Why a stanza is refused: the stream error to end with. */
    record Refusal(StreamError.Condition condition, String text) {
    }

    private final Set<String> pairs = ConcurrentHashMap.newKeySet();

    private static String key(String remote, String local) {
        return remote.toLowerCase(Locale.ROOT) + " " + local.toLowerCase(Locale.ROOT);
    }

    void add(String remote, String local) {
        pairs.add(key(remote, local));
    }

    boolean contains(String remote, String local) {
        return pairs.contains(key(remote, local));
    }

    boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** Empty when the stanza's addresses belong to an authenticated pair; else the stream error. */
    Optional<Refusal> check(JID from, JID to) {
        if (from == null || to == null) {
            return Optional.of(new Refusal(StreamError.Condition.improper_addressing, "stanzas between servers need 'from' and 'to'"));
        }
        if (contains(from.getDomain(), to.getDomain())) {
            return Optional.empty();
        }
        String prefix = from.getDomain().toLowerCase(Locale.ROOT) + " ";
        boolean fromKnown = pairs.stream().anyMatch(p -> p.startsWith(prefix));
        return Optional.of(fromKnown
                ? new Refusal(StreamError.Condition.host_unknown, to.getDomain() + " is not authenticated on this stream")
                : new Refusal(StreamError.Condition.invalid_from, from.getDomain() + " is not authenticated on this stream"));
    }
}
