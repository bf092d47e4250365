package im.parley.module.pep;

import im.parley.api.ModuleContext;
import im.parley.api.cluster.SharedMap;
import im.parley.api.session.LocalSession;
import im.parley.module.vcard.VcardPhotos;
import java.util.Optional;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * XEP-0398 §4: puts the hash of the account's avatar in every available presence its clients send
 * (broadcast and directed, e.g. group chat joins), so that they need not fetch their own vCard to
 * compute it. The hash of each account is kept in a cluster-wide map, written whenever the photo
 * changes through the vCard or PEP, and read from the vCard the first time it is needed.
 */
final class PhotoHashes {
    static final String NS = "vcard-temp:x:update";
    /** Stands for "no photo" in the map. */
    private static final String NONE = "-";

    private final ModuleContext ctx;
    private final SharedMap hashes;

    PhotoHashes(ModuleContext ctx) {
        this.ctx = ctx;
        this.hashes = ctx.cluster().map("pep.photo-hash");
    }

    /** Remembers an account's new photo (null: none). */
    void changed(JID account, VcardPhotos.Photo photo) {
        hashes.put(account.toBareJID(), photo == null ? NONE : photo.sha1());
    }

    private Optional<String> hash(JID account) {
        String bare = account.toBareJID();
        String known = hashes.get(bare).orElse(null);
        if (known == null) {
            Optional<VcardPhotos> vcards = ctx.service(VcardPhotos.class);
            if (vcards.isEmpty()) {
                return Optional.empty();
            }
            known = vcards.get().photo(account).map(VcardPhotos.Photo::sha1).orElse(NONE);
            hashes.putIfAbsent(bare, known);
        }
        return NONE.equals(known) ? Optional.empty() : Optional.of(known);
    }

    /** The INBOUND interceptor: adds or completes the photo hash of available presence. */
    Packet inbound(Packet stanza, LocalSession session) {
        if (!(stanza instanceof Presence presence) || presence.getType() != null || session == null || session.address() == null) {
            return stanza;
        }
        Element x = presence.getChildElement("x", NS);
        if (x != null && x.element("photo") != null && x.element("photo").getTextTrim().isEmpty()) {
            return stanza; // XEP-0398 §4: an empty photo element is the client's to say, and stays
        }
        Optional<String> hash = hash(session.address());
        if (hash.isEmpty()) {
            return stanza;
        }
        if (x == null) {
            x = presence.addChildElement("x", NS);
        }
        Element photo = x.element("photo");
        if (photo == null) {
            photo = x.addElement("photo");
        }
        // A photo hash the client computed otherwise may be overwritten (§4): ours is what the vCard holds.
        photo.setText(hash.get());
        return stanza;
    }
}
