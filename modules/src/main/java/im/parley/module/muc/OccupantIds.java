package im.parley.module.muc;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.xmpp.packet.JID;

/**
 * XEP-0421 occupant ids: a keyed hash of the room and the user's bare JID, the same for all the
 * user's devices and every visit, which reveals nothing of the JID without the key.
 */
final class OccupantIds {
    private final byte[] key;

    OccupantIds(byte[] key) {
        this.key = key.clone();
    }

    String of(JID room, JID user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((room.toBareJID() + "\u0000" + user.toBareJID()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
