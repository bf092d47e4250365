package im.parley.module.upload;

import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.StanzaException;
import java.util.Optional;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** Answers slot requests (XEP-0363 §4) with signed PUT and GET URLs, or the XEP's errors. */
final class SlotRequests {
    private final UploadConfig config;
    private final SlotSigner signer;
    private final ContentCheck check;
    private final Thumbnails thumbnails;
    private final Quotas quotas;
    private final ModuleContext ctx;

    SlotRequests(UploadConfig config, SlotSigner signer, ContentCheck check, Thumbnails thumbnails, Quotas quotas,
                 ModuleContext ctx) {
        this.config = config;
        this.signer = signer;
        this.check = check;
        this.thumbnails = thumbnails;
        this.quotas = quotas;
        this.ctx = ctx;
    }

    IQ slot(IQ iq, Origin origin) throws StanzaException {
        JID from = iq.getFrom();
        if (from == null || from.getNode() == null || !ctx.server().isLocalDomain(from.getDomain())) {
            throw new StanzaException(PacketError.Condition.not_allowed, "only users of this server may upload");
        }
        Element request = iq.getChildElement();
        String filename = request.attributeValue("filename");
        String sizeText = request.attributeValue("size");
        String type = Optional.ofNullable(request.attributeValue("content-type")).filter(t -> !t.isBlank())
                .orElse("application/octet-stream");
        long size;
        try {
            size = Long.parseLong(sizeText == null ? "" : sizeText.strip());
        } catch (NumberFormatException e) {
            throw new StanzaException(PacketError.Condition.bad_request, "the request needs a size in bytes");
        }
        if (filename == null || filename.isBlank() || size <= 0) {
            throw new StanzaException(PacketError.Condition.bad_request, "the request needs a file name and a size above 0");
        }
        if (size > config.maxFileSize().bytes()) {
            return tooLarge(iq);
        }
        if (ContentCheck.normalise(type).isEmpty()) {
            throw new StanzaException(PacketError.Condition.bad_request, "not a content type: " + type);
        }
        if (check.blocked(type)) {
            throw new StanzaException(PacketError.Condition.not_acceptable, "files of type " + type + " are not accepted here");
        }
        FileKey key = FileKey.fresh(from.toBareJID(), filename);
        Optional<String> quota = quotas.refusal(key.owner(), size);
        if (quota.isPresent()) {
            throw new StanzaException(PacketError.Condition.resource_constraint, quota.get());
        }
        String domain = iq.getTo().getDomain().substring(config.label().length() + 1);
        String get = ctx.http().baseUrl(domain).orElseThrow() + UploadServlet.PREFIX + "/" + key.path();
        long expires = ctx.server().clock().instant().plus(config.slotLifetime()).getEpochSecond();
        IQ result = IQ.createResultIQ(iq);
        Element slot = result.setChildElement("slot", UploadModule.NS);
        slot.addElement("put").addAttribute("url", get + "?" + signer.query(key, size, type, expires));
        slot.addElement("get").addAttribute("url", get);
        // XEP-0264: where the preview of an image will be, for clients that show one before downloading.
        thumbnails.typeFor(type).ifPresent(t -> slot.addElement(QName.get("thumbnail", "urn:xmpp:thumbs:1"))
                .addAttribute("uri", get + "?thumbnail").addAttribute("media-type", t));
        return result;
    }

    /** XEP-0363 §4.1: not-acceptable with the service's limit. */
    private IQ tooLarge(IQ iq) {
        IQ error = IQ.createResultIQ(iq);
        error.setType(IQ.Type.error);
        error.setChildElement(iq.getChildElement().createCopy());
        PacketError e = new PacketError(PacketError.Condition.not_acceptable, PacketError.Type.modify);
        e.setText("the file is larger than the largest accepted, " + config.maxFileSize(), "en");
        error.setError(e);
        error.getElement().element("error").addElement(QName.get("file-too-large", UploadModule.NS))
                .addElement(QName.get("max-file-size", UploadModule.NS)).setText(Long.toString(config.maxFileSize().bytes()));
        return error;
    }
}
