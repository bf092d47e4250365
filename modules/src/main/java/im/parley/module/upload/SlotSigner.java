package im.parley.module.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs upload slots: a PUT URL carries its expiry, size and content type and an HMAC-SHA256 of
 * them with the file's key, so any node with the key checks a slot without shared state.
 */
final class SlotSigner {
    private final byte[] key;

    private SlotSigner(byte[] key) {
        this.key = key.clone();
    }

    /** The configured secret, else the one kept in the directory (made on first use). */
    static SlotSigner of(String configured, Path directory) {
        if (!configured.isEmpty()) {
            return new SlotSigner(configured.getBytes(StandardCharsets.UTF_8));
        }
        Path file = directory.resolve("secret");
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                // Written whole under another name, readable by the owner only, then linked into place:
                // another node never reads a half-written key, and the first node's key wins.
                Path temp = Files.createTempFile(directory, "secret", ".new", ownerOnly(directory));
                try {
                    Files.writeString(temp, Base64.getEncoder().encodeToString(fresh));
                    Files.createLink(file, temp);
                } catch (FileAlreadyExistsException e) {
                    // another node made it first: use theirs
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            return new SlotSigner(Base64.getDecoder().decode(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the upload secret " + file, e);
        }
    }

    /** Owner-only permissions where the file system has POSIX permissions; none to set elsewhere. */
    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(Path directory) {
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new java.nio.file.attribute.FileAttribute<?>[0];
        }
        return new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))};
    }

    /** The PUT URL's query: expiry (epoch seconds), size, type and signature. */
    String query(FileKey file, long size, String contentType, long expires) {
        return "e=" + expires + "&n=" + size + "&t=" + URLEncoder.encode(contentType, StandardCharsets.UTF_8)
                + "&s=" + signature(file, size, contentType, expires);
    }

    /** Whether a signature is the one for these values (compared in constant time). */
    boolean verify(FileKey file, long size, String contentType, long expires, String signature) {
        byte[] expected = signature(file, size, contentType, expires).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(FileKey file, long size, String contentType, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String signed = "PUT\n" + file.path() + "\n" + size + "\n" + contentType + "\n" + expires;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
