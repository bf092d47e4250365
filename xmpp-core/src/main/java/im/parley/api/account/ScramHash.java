package im.parley.api.account;

/** The hash functions of the SCRAM mechanisms the server supports (RFC 5802, RFC 7677). */
public enum ScramHash {
    SHA_1("SCRAM-SHA-1", "HmacSHA1", "SHA-1", "PBKDF2WithHmacSHA1", 20),
    SHA_256("SCRAM-SHA-256", "HmacSHA256", "SHA-256", "PBKDF2WithHmacSHA256", 32);

    private final String mechanism;
    private final String hmac;
    private final String digest;
    private final String pbkdf2;
    private final int length;

    ScramHash(String mechanism, String hmac, String digest, String pbkdf2, int length) {
        this.mechanism = mechanism;
        this.hmac = hmac;
        this.digest = digest;
        this.pbkdf2 = pbkdf2;
        this.length = length;
    }

    /** The SASL mechanism name without -PLUS. */
    public String mechanism() {
        return mechanism;
    }

    /** The JCA Mac algorithm. */
    public String hmac() {
        return hmac;
    }

    /** The JCA MessageDigest algorithm. */
    public String digest() {
        return digest;
    }

    /** The JCA SecretKeyFactory algorithm for Hi(). */
    public String pbkdf2() {
        return pbkdf2;
    }

    /** Output length in bytes. */
    public int length() {
        return length;
    }
}
