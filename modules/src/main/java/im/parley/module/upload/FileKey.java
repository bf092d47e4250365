package im.parley.module.upload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file's name in URLs and on disk: its owner's key (a hash of the bare JID), a random slot id
 * and the file name the client gave, cleaned. Every part is from a small alphabet, so a key parsed
 * from a URL can never name a path outside the store.
 */
public record FileKey(String owner, String slot, String filename) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SLOT = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public FileKey {
        if (!HEX.matcher(owner).matches() || !SLOT.matcher(slot).matches() || !NAME.matcher(filename).matches()) {
            throw new IllegalArgumentException("not a file key: " + owner + "/" + slot + "/" + filename);
        }
    }

    /** A new key for an owner's upload of a file name (cleaned). */
    static FileKey fresh(String ownerBareJid, String filename) {
        byte[] slot = new byte[16];
        RANDOM.nextBytes(slot);
        return new FileKey(ownerKey(ownerBareJid), HexFormat.of().formatHex(slot), clean(filename));
    }

    /** The owner part for a bare JID. */
    static String ownerKey(String bareJid) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bareJid.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A file name of letters, digits, '.', '_' and '-' only, not starting with a dot; others become '_'. */
    static String clean(String filename) {
        String base = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder();
        base.codePoints().forEach(c -> out.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')
                ? (char) c : '_'));
        String name = out.toString();
        while (name.startsWith(".")) {
            name = "_" + name.substring(1);
        }
        if (name.length() > 128) {
            int dot = name.lastIndexOf('.');
            String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
            name = name.substring(0, 128 - ext.length()) + ext;
        }
        return name.isEmpty() ? "file" : name;
    }

    /** The key of a raw URL path after the route's prefix, "owner/slot/filename"; empty for anything else. */
    static Optional<FileKey> parse(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FileKey(parts[0], parts[1], parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** "owner/slot/filename", as in URLs. */
    String path() {
        return owner + "/" + slot + "/" + filename;
    }
}
