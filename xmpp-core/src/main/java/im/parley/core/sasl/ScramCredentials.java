package im.parley.core.sasl;

import im.parley.api.account.ScramCredential;
import im.parley.api.account.ScramHash;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The arithmetic of SCRAM (RFC 5802 §3): salted passwords, keys and signatures. */
public final class ScramCredentials {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    private ScramCredentials() {
    }

    /** Derives the stored form of a password: salt, iterations, StoredKey and ServerKey; the password is not kept. */
    public static ScramCredential create(String password, ScramHash hash, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return derive(password, hash, salt, iterations);
    }

    static ScramCredential derive(String password, ScramHash hash, byte[] salt, int iterations) {
        byte[] salted = hi(hash, SaslPrep.prepare(password).getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] clientKey = hmac(hash, salted, CLIENT_KEY);
        return new ScramCredential(hash, salt, iterations, digest(hash, clientKey), hmac(hash, salted, SERVER_KEY));
    }

    /** Whether a password matches a stored credential (used by PLAIN and password checks), in constant time. */
    public static boolean verify(String password, ScramCredential credential) {
        ScramCredential candidate = derive(password, credential.hash(), credential.salt(), credential.iterations());
        return MessageDigest.isEqual(candidate.storedKey(), credential.storedKey());
    }

    /** Hi() of RFC 5802 §2.2: PBKDF2 with HMAC as the pseudo-random function. */
    static byte[] hi(ScramHash hash, byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance(hash.hmac());
            // HMAC pads keys with zero bytes, so the empty key SecretKeySpec refuses equals a single zero byte.
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, hash.hmac()));
            mac.update(salt);
            mac.update(new byte[] {0, 0, 0, 1});
            byte[] u = mac.doFinal();
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hash + " is not available in this JVM", e);
        }
    }

    static byte[] hmac(ScramHash hash, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hash.hmac());
            mac.init(new SecretKeySpec(key, hash.hmac()));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hash + " is not available in this JVM", e);
        }
    }

    static byte[] digest(ScramHash hash, byte[] data) {
        try {
            return MessageDigest.getInstance(hash.digest()).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hash + " is not available in this JVM", e);
        }
    }
}
