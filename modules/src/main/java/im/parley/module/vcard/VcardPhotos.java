package im.parley.module.vcard;

import im.parley.api.event.ServerEvent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * The photos of accounts' vCards (XEP-0153), for other modules: published by the vcard module,
 * obtained with {@code ctx.service(VcardPhotos.class)}. The PEP module keeps them in step with
 * XEP-0084 avatars (XEP-0398).
 */
public interface VcardPhotos {

    /** A vCard photo: its MIME type (may be null) and bytes. */
    record Photo(String type, byte[] data) {
        /** The hex SHA-1 of the bytes: the XEP-0153 photo hash and the XEP-0084 item id. */
        public String sha1() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-1", e);
            }
        }
    }

    /** The photo of the account's vCard, if it has one. */
    Optional<Photo> photo(JID account);

    /**
     * Replaces the photo of the account's vCard, making a vCard with only a photo when it has none;
     * null removes the photo. Publishes no {@link PhotoChanged}: the caller already knows.
     */
    void setPhoto(JID account, Photo photo);

    /** The account stored a vCard whose photo differs from the one before; null when it has none now. */
    record PhotoChanged(JID account, Photo photo) implements ServerEvent {
    }
}
