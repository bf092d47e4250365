package im.parley.api.account;

import java.util.Arrays;

/**
 * What the server keeps to check a password with SCRAM (RFC 5802 §3): never the password itself.
 */
public record ScramCredential(ScramHash hash, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredential c && c.hash == hash && c.iterations == iterations
                && Arrays.equals(c.salt, salt) && Arrays.equals(c.storedKey, storedKey)
                && Arrays.equals(c.serverKey, serverKey);
    }

    @Override
    public int hashCode() {
        return 31 * hash.hashCode() + Arrays.hashCode(storedKey);
    }

    @Override
    public String toString() {
        return "ScramCredential[" + hash + ", iterations=" + iterations + "]";
    }
}
