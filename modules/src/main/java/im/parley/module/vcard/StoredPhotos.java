package im.parley.module.vcard;

import im.parley.api.storage.UserDocumentStore;
import im.parley.module.xml.StoredXml;
import java.util.Base64;
import java.util.Optional;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;

/** {@link VcardPhotos} on the stored vCards: the PHOTO element's TYPE and BINVAL (XEP-0153 §3.1). */
final class StoredPhotos implements VcardPhotos {
    private final UserDocumentStore store;

    StoredPhotos(UserDocumentStore store) {
        this.store = store;
    }

    /** The photo in a vCard element, or empty when it has none or it is not base64. */
    static Optional<Photo> of(Element vcard) {
        Element photo = vcard == null ? null : vcard.element("PHOTO");
        Element binval = photo == null ? null : photo.element("BINVAL");
        if (binval == null || binval.getTextTrim().isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] data = Base64.getDecoder().decode(binval.getText().replaceAll("\\s", ""));
            Element type = photo.element("TYPE");
            return Optional.of(new Photo(type == null ? null : type.getTextTrim(), data));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Photo> photo(JID account) {
        return store.get(account.asBareJID(), VcardRequests.KEY).flatMap(text -> of(StoredXml.parse(text)));
    }

    @Override
    public void setPhoto(JID account, Photo photo) {
        JID owner = account.asBareJID();
        Element vcard = store.get(owner, VcardRequests.KEY).map(StoredXml::parse)
                .orElseGet(() -> DocumentHelper.createElement(QName.get(VcardModule.ELEMENT, VcardModule.NS)));
        Element old = vcard.element("PHOTO");
        if (old != null) {
            vcard.remove(old);
        }
        if (photo != null) {
            Element element = vcard.addElement("PHOTO");
            if (photo.type() != null) {
                element.addElement("TYPE").setText(photo.type());
            }
            element.addElement("BINVAL").setText(Base64.getEncoder().encodeToString(photo.data()));
        }
        if (StoredXml.isEmpty(vcard)) {
            store.delete(owner, VcardRequests.KEY);
        } else {
            store.put(owner, VcardRequests.KEY, StoredXml.serialize(vcard));
        }
    }
}
