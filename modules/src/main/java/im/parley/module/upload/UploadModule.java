package im.parley.module.upload;

import im.parley.api.config.Configured;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.Xep;
import im.parley.api.disco.Item;
import im.parley.api.disco.ServiceDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * HTTP file upload (XEP-0363) as a component at {@code upload.<domain>}: local users ask for a
 * slot, upload to the HTTP endpoint with the signed PUT URL and share the GET URL.
 */
@Configured(UploadConfig.class)
@Xep(number = 363, version = "1.1.0", note = "urn:xmpp:http:upload:0; signed URLs, quotas, type checks, thumbnails")
@Xep(number = 264, version = "0.4", note = "thumbnails of uploaded images advertised in the slot")
public final class UploadModule implements Module {
    static final String NS = "urn:xmpp:http:upload:0";
    private static final Logger LOG = LoggerFactory.getLogger(UploadModule.class);
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

    private ModuleContext ctx;
    private UploadConfig config;
    private FileStore store;
    private Quotas quotas;
    private SlotRequests slots;
    private List<String> domains;

    @Override
    public String name() {
        return "upload";
    }

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config(UploadConfig.class);
        if (ctx.http().baseUrl(ctx.server().domains().get(0)).isEmpty()) {
            throw new IllegalStateException("upload needs the HTTP endpoint: set http.port (or disable upload)");
        }
        Path directory = config.directory().isBlank() ? ctx.server().dataDir().resolve("upload") : Path.of(config.directory());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload directory " + directory, e);
        }
        this.store = new LocalFileStore(directory);
        this.quotas = new Quotas(config, store);
        SlotSigner signer = SlotSigner.of(config.secret(), directory);
        ContentCheck check = new ContentCheck(config.blockedTypes());
        Thumbnails thumbnails = new Thumbnails(config.thumbnailSize());
        this.slots = new SlotRequests(config, signer, check, thumbnails, quotas, ctx);
        ctx.http().route(UploadServlet.PREFIX, new UploadServlet(new UploadServlet.Parts(store, signer, check, thumbnails, quotas,
                config, ctx.server().clock(), ctx.metrics().counter("uploaded_bytes_total", "Bytes of files uploaded"),
                ctx.metrics().counter("refused_total", "Uploads refused, by reason", "reason"),
                () -> ctx.contributions(im.parley.api.upload.UploadCheck.class))));
        this.domains = ctx.component(config.label(), this::handle);
        ctx.contribute(ServiceDirectory.ItemSource.class, this::items);
        ctx.scheduler().scheduleAtFixedRate(Duration.ofMinutes(1), Duration.ofMinutes(10), this::sweep);
    }

    /** The service in disco#items of the domain it serves (XEP-0363 §3: clients find it there). */
    private List<Item> items(JID address, String node, Origin requester) {
        if (node != null || address.getNode() != null || !ctx.server().isLocalDomain(address.getDomain())) {
            return List.of();
        }
        return List.of(new Item(new JID(config.label() + "." + address.getDomain()), null, "HTTP File Upload"));
    }

    private void handle(Packet stanza, Origin origin) throws StanzaException {
        if (stanza instanceof IQ iq) {
            if (iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set) {
                ctx.router().route(answer(iq, origin));
            }
        } else if (stanza instanceof Message message && (message.getType() == Message.Type.chat
                || message.getType() == Message.Type.normal)) {
            throw new StanzaException(PacketError.Condition.service_unavailable); // RFC 6120 §10.5.2 for a service
        }
    }

    private IQ answer(IQ iq, Origin origin) throws StanzaException {
        Element child = iq.getChildElement();
        if (child == null) {
            throw new StanzaException(PacketError.Condition.bad_request);
        }
        String ns = child.getNamespaceURI();
        boolean service = iq.getTo().getNode() == null && iq.getTo().getResource() == null;
        if (iq.getType() == IQ.Type.get && service && ns.equals(DISCO_INFO) && child.attributeValue("node") == null) {
            return info(iq);
        }
        if (iq.getType() == IQ.Type.get && ns.equals(DISCO_ITEMS)) {
            IQ result = IQ.createResultIQ(iq);
            result.setChildElement("query", DISCO_ITEMS);
            return result;
        }
        if (iq.getType() == IQ.Type.get && service && ns.equals(NS) && child.getName().equals("request")) {
            return slots.slot(iq, origin);
        }
        throw new StanzaException(PacketError.Condition.service_unavailable);
    }

    /** XEP-0363 §3: identity store/file, the feature, and the size limit as an XEP-0128 form. */
    private IQ info(IQ iq) {
        IQ result = IQ.createResultIQ(iq);
        Element query = result.setChildElement("query", DISCO_INFO);
        query.addElement("identity").addAttribute("category", "store").addAttribute("type", "file")
                .addAttribute("name", "HTTP File Upload");
        query.addElement("feature").addAttribute("var", DISCO_INFO);
        query.addElement("feature").addAttribute("var", NS);
        DataForm form = new DataForm(DataForm.Type.result);
        FormField type = form.addField("FORM_TYPE", null, FormField.Type.hidden);
        type.addValue(NS);
        form.addField("max-file-size", null, FormField.Type.text_single).addValue(Long.toString(config.maxFileSize().bytes()));
        query.add(form.getElement());
        return result;
    }

    /** Deletes expired files and abandoned staging, and recounts the total (other nodes may share the directory). */
    private void sweep() {
        Instant now = ctx.server().clock().instant();
        store.sweepStaging(now.minus(Duration.ofHours(1)));
        if (!config.expiry().isZero()) {
            Instant cutoff = now.minus(config.expiry());
            List<FileStore.StoredFile> expired = new ArrayList<>();
            store.all().stream().filter(f -> f.created().isBefore(cutoff)).forEach(expired::add);
            expired.forEach(f -> store.delete(f.key()));
            if (!expired.isEmpty()) {
                LOG.info("Deleted {} expired uploads", expired.size());
            }
        }
        quotas.recount();
    }

    /** Runs the sweep now (tests, admin commands). */
    void sweepNow() {
        sweep();
    }

    List<String> domains() {
        return domains;
    }
}
