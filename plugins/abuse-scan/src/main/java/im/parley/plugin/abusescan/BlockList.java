package im.parley.plugin.abusescan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The known-bad senders of a real-time block list: item ids that are the SHA-256 (hex) of a bare
 * JID, as in the RTBLs Prosody's mod_firewall and others read, or the bare JID itself.
 */
final class BlockList {
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    /** Whether a sender is listed; free while the list is empty. */
    boolean listed(String bareJid) {
        if (ids.isEmpty()) {
            return false;
        }
        return ids.contains(bareJid) || ids.contains(sha256(bareJid));
    }

    void add(String id) {
        ids.add(id.strip().toLowerCase(Locale.ROOT));
    }

    void remove(String id) {
        ids.remove(id.strip().toLowerCase(Locale.ROOT));
    }

    int size() {
        return ids.size();
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
