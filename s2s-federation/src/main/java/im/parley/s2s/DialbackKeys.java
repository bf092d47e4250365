package im.parley.s2s;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server Dialback keys (XEP-0185): HMAC-SHA256 keyed with the SHA-256 of a secret over the
 * receiving domain, the originating domain and the stream id. Every node with the same secret
 * makes and checks the same keys, so any node can answer a verification.
 */
final class DialbackKeys {
    private final byte[] hashedSecret;

    DialbackKeys(String secret) {
        try {
            this.hashedSecret = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String key(String receiving, String originating, String streamId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashedSecret, "HmacSHA256"));
            byte[] digest = mac.doFinal((receiving + " " + originating + " " + streamId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean valid(String key, String receiving, String originating, String streamId) {
        return key != null && MessageDigest.isEqual(key.trim().getBytes(StandardCharsets.UTF_8),
                key(receiving, originating, streamId).getBytes(StandardCharsets.UTF_8));
    }
}
