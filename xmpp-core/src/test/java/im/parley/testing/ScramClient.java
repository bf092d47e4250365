package im.parley.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM (RFC 5802) for tests and the load tool, independent of the server's
 * implementation so that a bug there cannot hide in a shared one.
 */
public final class ScramClient {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String hmac;
    private final String digest;
    private final String username;
    private final String password;
    private final String gs2Header;
    private final byte[] channelBinding;
    private String clientFirstBare;
    private byte[] serverSignature;

    /**
     * @param hash "SHA-1" or "SHA-256"
     * @param gs2Flag "n", "y" or "p=tls-server-end-point"
     * @param channelBinding the binding data for "p=", otherwise null
     */
    public ScramClient(String hash, String username, String password, String gs2Flag, byte[] channelBinding) {
        this.hmac = "Hmac" + hash.replace("-", "");
        this.digest = hash;
        this.username = username;
        this.password = password;
        this.gs2Header = gs2Flag + ",,";
        this.channelBinding = channelBinding == null ? new byte[0] : channelBinding;
    }

    /**
     * tls-server-end-point binding data (RFC 5929 §4.1) from the certificate the server presented.
     * (Smack's own helper picks the digest from the key type, which fails; hence this.)
     */
    public static byte[] tlsServerEndPoint(javax.net.ssl.SSLSession session) {
        try {
            java.security.cert.X509Certificate cert = (java.security.cert.X509Certificate) session.getPeerCertificates()[0];
            String sig = cert.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
            String digest = sig.startsWith("SHA384") ? "SHA-384" : sig.startsWith("SHA512") ? "SHA-512" : "SHA-256";
            return MessageDigest.getInstance(digest).digest(cert.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException("no channel binding data: " + e, e);
        }
    }

    public byte[] clientFirst() {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        clientFirstBare = "n=" + username.replace("=", "=3D").replace(",", "=2C") + ",r="
                + Base64.getEncoder().encodeToString(nonce);
        return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] clientFinal(byte[] serverFirstBytes) {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
        String nonce = null;
        byte[] salt = null;
        int iterations = 0;
        for (String part : serverFirst.split(",")) {
            switch (part.charAt(0)) {
                case 'r' -> nonce = part.substring(2);
                case 's' -> salt = Base64.getDecoder().decode(part.substring(2));
                case 'i' -> iterations = Integer.parseInt(part.substring(2));
                default -> { }
            }
        }
        byte[] cbind = new byte[gs2Header.length() + channelBinding.length];
        System.arraycopy(gs2Header.getBytes(StandardCharsets.UTF_8), 0, cbind, 0, gs2Header.length());
        System.arraycopy(channelBinding, 0, cbind, gs2Header.length(), channelBinding.length);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind) + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] salted = hi(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] clientKey = mac(salted, "Client Key");
        byte[] storedKey = sha(clientKey);
        byte[] signature = mac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        serverSignature = mac(mac(salted, "Server Key"), authMessage);
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the server's final message proves it knows the password too. */
    public boolean verifyServerFinal(byte[] serverFinal) {
        String text = new String(serverFinal, StandardCharsets.UTF_8);
        return text.startsWith("v=") && MessageDigest.isEqual(serverSignature, Base64.getDecoder().decode(text.substring(2)));
    }

    private byte[] hi(byte[] pass, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(pass, hmac));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] mac(byte[] key, String data) {
        return mac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] sha(byte[] data) {
        try {
            return MessageDigest.getInstance(digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
