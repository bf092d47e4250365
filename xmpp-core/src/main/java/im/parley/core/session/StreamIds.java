package im.parley.core.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable stream ids (RFC 6120 §4.7.3 asks for enough randomness to resist guessing). */
final class StreamIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private StreamIds() {
    }

    static String next() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
