package im.parley.module.pep;

import im.parley.api.ModuleContext;
import im.parley.api.StanzaException;
import im.parley.module.pubsub.NodeStore;
import im.parley.module.pubsub.PubSubEngine;
import im.parley.module.vcard.VcardPhotos;
import im.parley.module.xml.StoredXml;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * XEP-0398: keeps an account's XEP-0084 avatar and its vCard photo (XEP-0153) the same, so that
 * clients of either kind see the avatar the user set with the other. An avatar published to PEP
 * becomes the vCard's photo; a vCard stored with a new photo is published as the avatar. Each side
 * is written only when its hash differs, so the two never chase each other.
 */
final class AvatarConversion {
    static final String FEATURE = "urn:xmpp:pep-vcard-conversion:0";
    static final String DATA = "urn:xmpp:avatar:data";
    static final String METADATA = "urn:xmpp:avatar:metadata";
    private static final Logger LOG = LoggerFactory.getLogger(AvatarConversion.class);

    private final ModuleContext ctx;
    private final PubSubEngine engine;
    private final PhotoHashes hashes;

    AvatarConversion(ModuleContext ctx, PubSubEngine engine, PhotoHashes hashes) {
        this.ctx = ctx;
        this.engine = engine;
        this.hashes = hashes;
    }

    /** XEP-0398 §3.1: metadata published to PEP names the avatar; its data becomes the vCard photo. */
    void published(JID service, NodeStore.Node node, NodeStore.Item item) {
        Optional<VcardPhotos> vcards = ctx.service(VcardPhotos.class);
        if (!node.node().equals(METADATA) || item.payload() == null || vcards.isEmpty()) {
            return;
        }
        JID owner = service.asBareJID();
        Element info = StoredXml.parse(item.payload()).elements("info").stream()
                .filter(i -> i.attributeValue("url") == null && i.attributeValue("id") != null).findFirst().orElse(null);
        Optional<VcardPhotos.Photo> current = vcards.get().photo(owner);
        if (info == null) {
            // XEP-0084 §4.2: empty metadata disables the avatar.
            if (current.isPresent()) {
                vcards.get().setPhoto(owner, null);
                hashes.changed(owner, null);
            }
            return;
        }
        String id = info.attributeValue("id");
        if (current.map(VcardPhotos.Photo::sha1).filter(id::equalsIgnoreCase).isPresent()) {
            return;
        }
        List<NodeStore.Item> data = engine.store().items(owner.toString(), DATA, List.of(id));
        if (data.isEmpty() || data.get(0).payload() == null) {
            return; // the client published metadata without data here (e.g. an avatar at a URL)
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(StoredXml.parse(data.get(0).payload()).getText().replaceAll("\\s", ""));
            VcardPhotos.Photo photo = new VcardPhotos.Photo(info.attributeValue("type"), bytes);
            if (!photo.sha1().equalsIgnoreCase(id)) {
                // XEP-0398 §3.1: the image should hash to its id; one that does not is not copied.
                LOG.debug("Avatar data of {} does not hash to its id {}; vCard left alone", owner, id);
                return;
            }
            vcards.get().setPhoto(owner, photo);
            hashes.changed(owner, photo);
        } catch (IllegalArgumentException e) {
            LOG.debug("Avatar data of {} is not base64; vCard left alone", owner, e);
        }
    }

    /** XEP-0398 §3.2: a vCard with a new photo is published as the XEP-0084 avatar. */
    void vcardChanged(JID account, VcardPhotos.Photo photo) {
        JID owner = account.asBareJID();
        List<NodeStore.Item> metadata = engine.store().items(owner.toString(), METADATA, 1);
        String currentId = metadata.isEmpty() ? null : metadata.get(0).id();
        try {
            if (photo == null) {
                if (currentId != null) {
                    engine.publish(owner, owner, METADATA, item(null, DocumentHelper.createElement(QName.get("metadata", METADATA))), null);
                }
                return;
            }
            String id = photo.sha1();
            if (id.equals(currentId)) {
                return;
            }
            Element data = DocumentHelper.createElement(QName.get("data", DATA));
            data.setText(Base64.getEncoder().encodeToString(photo.data()));
            engine.publish(owner, owner, DATA, item(id, data), null);
            Element meta = DocumentHelper.createElement(QName.get("metadata", METADATA));
            Element info = meta.addElement("info").addAttribute("id", id).addAttribute("bytes", String.valueOf(photo.data().length));
            info.addAttribute("type", photo.type() == null || photo.type().isEmpty() ? "image/png" : photo.type());
            engine.publish(owner, owner, METADATA, item(id, meta), null);
        } catch (StanzaException e) {
            // For example a photo above the item size limit, or the account at its node limit.
            LOG.info("The vCard photo of {} was not published as its avatar: {}", owner, e.getMessage());
        }
    }

    private static Element item(String id, Element payload) {
        Element item = DocumentHelper.createElement(QName.get("item", im.parley.module.pubsub.PubSub.NS));
        if (id != null) {
            item.addAttribute("id", id);
        }
        item.add(payload);
        return item;
    }
}
