package im.parley.module.vcard;

import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.config.DataSize;
import im.parley.api.storage.UserDocumentStore;
import im.parley.module.xml.StoredXml;
import java.util.Base64;
import java.util.Optional;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** Answers vCard reads and writes for accounts, keeping each vCard as one document. */
final class VcardRequests {
    /** The vCard's key in the per-user document store. */
    static final String KEY = "vcard";

    private final UserDocumentStore store;
    private final DataSize maxSize;
    private final java.util.function.Consumer<im.parley.api.event.ServerEvent> events;

    VcardRequests(UserDocumentStore store, DataSize maxSize, java.util.function.Consumer<im.parley.api.event.ServerEvent> events) {
        this.store = store;
        this.maxSize = maxSize;
        this.events = events;
    }

    /** XEP-0054 §3.1 and §3.3: anyone reads an account's vCard; an account without one has an empty vCard. */
    IQ get(IQ request, Origin origin) {
        IQ result = IQ.createResultIQ(request);
        Optional<String> stored = store.get(owner(request, origin), KEY);
        if (stored.isPresent()) {
            result.setChildElement(StoredXml.parse(stored.get()));
        } else {
            result.setChildElement(VcardModule.ELEMENT, VcardModule.NS);
        }
        return result;
    }

    /** XEP-0054 §3.2: an account replaces its own vCard, and only its own. */
    IQ set(IQ request, Origin origin) throws StanzaException {
        JID owner = owner(request, origin);
        if (!origin.isAccount(owner)) {
            throw new StanzaException(PacketError.Condition.forbidden, "only the account itself may change its vCard");
        }
        Element vcard = request.getChildElement();
        checkWellFormed(vcard);
        Optional<VcardPhotos.Photo> before = store.get(owner, KEY).flatMap(text -> StoredPhotos.of(StoredXml.parse(text)));
        if (StoredXml.isEmpty(vcard)) {
            // Publishing an empty vCard clears it: nothing is kept that a read would not give back anyway.
            store.delete(owner, KEY);
            photoChanged(owner, before, Optional.empty());
            return IQ.createResultIQ(request);
        }
        String text = StoredXml.serialize(vcard);
        long size = StoredXml.utf8Length(text);
        if (size > maxSize.bytes()) {
            throw new StanzaException(PacketError.Condition.not_acceptable,
                    "the vCard is " + size + " bytes; this server keeps vCards of at most " + maxSize.bytes()
                            + " bytes (make the photo smaller)");
        }
        store.put(owner, KEY, text);
        photoChanged(owner, before, StoredPhotos.of(vcard));
        return IQ.createResultIQ(request);
    }

    /** Tells other modules (PEP avatars, XEP-0398) when the photo is another one now. */
    private void photoChanged(JID owner, Optional<VcardPhotos.Photo> before, Optional<VcardPhotos.Photo> after) {
        if (!before.map(VcardPhotos.Photo::sha1).equals(after.map(VcardPhotos.Photo::sha1))) {
            events.accept(new VcardPhotos.PhotoChanged(owner, after.orElse(null)));
        }
    }

    /** The account addressed: the 'to', or the sender's own account when there is none (RFC 6120 §10.3.3). */
    private static JID owner(IQ request, Origin origin) {
        return request.getTo() != null ? request.getTo().asBareJID() : origin.jid().asBareJID();
    }

    /**
     * Refuses what no reader could use: text where the vCard's fields belong, and binary values
     * that are not base64 (XEP-0153 §3.1 hashes the decoded photo, so those bytes must exist).
     */
    private static void checkWellFormed(Element vcard) throws StanzaException {
        if (!vcard.getTextTrim().isEmpty()) {
            throw new StanzaException(PacketError.Condition.bad_request, "a vCard holds elements, not text");
        }
        for (Element field : vcard.elements()) {
            for (Element value : field.elements("BINVAL")) {
                try {
                    Base64.getDecoder().decode(value.getText().replaceAll("\\s", ""));
                } catch (IllegalArgumentException e) {
                    throw new StanzaException(PacketError.Condition.bad_request,
                            field.getName() + "/BINVAL is not base64: " + e.getMessage());
                }
            }
        }
    }
}
