package im.parley.module.extdisco;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.xmpp.packet.JID;

/**
 * Time-limited TURN credentials by the "TURN REST API" convention (draft-uberti-behave-turn-rest):
 * the TURN server checks them with the shared secret alone, without asking the XMPP server, and
 * refuses them once the expiry in the user name has passed.
 *
 * @param username {@code <unix expiry>:<bare JID>}
 * @param password base64 of HMAC-SHA1(secret, username)
 */
public record TurnCredentials(String username, String password, Instant expires) {

    /** Credentials for a user that expire at the given instant (whole seconds). */
    public static TurnCredentials issue(String secret, JID user, Instant expires) {
        long expiry = expires.getEpochSecond();
        String username = expiry + ":" + user.toBareJID();
        return new TurnCredentials(username, hmacSha1(secret, username), Instant.ofEpochSecond(expiry));
    }

    static String hmacSha1(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA1", e);
        }
    }

    /** Without the password, which is as good as the secret for the credential's lifetime. */
    @Override
    public String toString() {
        return "TurnCredentials[username=" + username + ", expires=" + expires + "]";
    }
}
