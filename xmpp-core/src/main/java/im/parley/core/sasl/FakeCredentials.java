package im.parley.core.sasl;

import im.parley.api.account.ScramCredential;
import im.parley.api.account.ScramHash;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Credentials for users that do not exist, stable per user name for the server's lifetime, so
 * that SCRAM's first answer looks the same for existing and unknown accounts.
 */
final class FakeCredentials {
    private final byte[] secret = new byte[32];
    private final int iterations;

    FakeCredentials(int iterations) {
        new SecureRandom().nextBytes(secret);
        this.iterations = iterations;
    }

    ScramCredential fake(String username, ScramHash hash) {
        byte[] seed = ScramCredentials.hmac(ScramHash.SHA_256, secret, (hash.name() + ":" + username).getBytes(StandardCharsets.UTF_8));
        byte[] salt = Arrays.copyOf(seed, 16);
        byte[] key = ScramCredentials.hmac(hash, seed, new byte[] {1});
        return new ScramCredential(hash, salt, iterations, key, key);
    }
}
