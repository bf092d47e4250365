package im.parley.module.mam;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.Phase;
import im.parley.api.StanzaException;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.event.AccountDeleted;
import im.parley.api.session.LocalSession;
import im.parley.api.storage.InMemoryUserDocumentStore;
import im.parley.api.storage.UserDocumentStore;
import im.parley.module.archive.ArchiveStore;
import im.parley.module.archive.Forwarded;
import im.parley.module.archive.InMemoryArchiveStore;
import im.parley.module.archive.MamQuery;
import im.parley.module.archive.MessagesArchived;
import im.parley.module.roster.Rosters;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Message archive management (XEP-0313): the messages a user sends and receives are kept in the
 * user's archive as they pass the server, before they are routed (so an acknowledged message is
 * archived), and any of the user's devices pages through them by conversation, time or id.
 */
@Configured(MamConfig.class)
@Xep(number = 313, version = "1.1.1", note = "urn:xmpp:mam:2 with #extended; 'with' matches bare JIDs")
@Xep(number = 59, version = "1.0", note = "result set paging for archive queries; no paging by index")
public final class MamModule implements Module {
    static final String NS = "urn:xmpp:mam:2";
    static final String EXTENDED = NS + "#extended";
    private static final Logger LOG = LoggerFactory.getLogger(MamModule.class);
    /** After blocking (100) and carbons (200): a refused message is not archived. */
    private static final int PRIORITY = 250;

    private ModuleContext ctx;
    private MamConfig config;
    private ArchiveStore store;
    private im.parley.module.archive.GroupCommit<ArchiveStore.Archived> writer;
    private ArchiveSettings settings;
    private Counter archived;
    private Histogram queryTime;

    @Override
    public String name() {
        return "mam";
    }

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config(MamConfig.class);
        this.store = ctx.repository(ArchiveStore.class, InMemoryArchiveStore::new);
        this.writer = new im.parley.module.archive.GroupCommit<>(store::append);
        this.settings = new ArchiveSettings(ctx, config, store, ctx.repository(UserDocumentStore.class, InMemoryUserDocumentStore::new));
        this.archived = ctx.metrics().counter("archived_total", "Messages written to user archives (one per archive)");
        this.queryTime = ctx.metrics().timer("query_seconds", "Time archive queries take");
        ctx.feature(IqScope.ACCOUNT, NS);
        ctx.feature(IqScope.ACCOUNT, EXTENDED);
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, NS, "query", this::form);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, NS, "query", this::query);
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, NS, "metadata", this::metadata);
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, NS, "prefs", this::getPrefs);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, NS, "prefs", this::setPrefs);
        ctx.intercept(Phase.INBOUND, PRIORITY, this::archive);
        ctx.on(AccountDeleted.class, e -> settings.deleteAccount(e.account()));
        ArchiveCommands.all(settings).forEach(c -> ctx.contribute(im.parley.module.adhoc.AdHocCommand.class, c));
        if (!config.retention().isZero()) {
            ctx.scheduler().scheduleAtFixedRate(Duration.ofMinutes(2), Duration.ofHours(1), this::expire);
        }
    }

    // ---- archiving ----

    /** INBOUND: a message a local user sends, archived for the sender and for a local recipient. */
    private Packet archive(Packet stanza, LocalSession sender) {
        if (!(stanza instanceof Message message) || message.getTo() == null || !Archivable.test(message)) {
            return stanza;
        }
        JID from = message.getFrom().asBareJID();
        JID to = message.getTo().asBareJID();
        // Microseconds: what databases keep, so that every backend answers with the same stamps.
        Instant now = ctx.server().clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String xml = message.toXML();
        List<ArchiveStore.Archived> entries = new ArrayList<>(2);
        List<MessagesArchived.Entry> written = new ArrayList<>(2);
        if (settings.prefs(from).archives(to, peer -> inRoster(from, peer))) {
            entries.add(new ArchiveStore.Archived(from.toBareJID(), UUID.randomUUID().toString(), now, to.toBareJID(), xml));
            written.add(new MessagesArchived.Entry(entries.get(entries.size() - 1), false));
        }
        if (!to.equals(from) && to.getNode() != null && ctx.server().isLocalDomain(to.getDomain())
                && accountExists(to) && settings.prefs(to).archives(from, peer -> inRoster(to, peer))) {
            entries.add(new ArchiveStore.Archived(to.toBareJID(), stanzaIdBy(message, to), now, from.toBareJID(), xml));
            written.add(new MessagesArchived.Entry(entries.get(entries.size() - 1), true));
        }
        if (!entries.isEmpty()) {
            writer.write(entries); // durable before the message is routed and acknowledged
            archived.inc(entries.size());
            entries.forEach(e -> settings.sweepIfDue(new JID(e.archive()), now));
            ctx.publish(new MessagesArchived(message, written));
        }
        return stanza;
    }

    /** The XEP-0359 id the recipient's server gave the message: its id in the recipient's archive. */
    private static String stanzaIdBy(Message message, JID owner) {
        for (Element e : message.getElement().elements(QName.get("stanza-id", "urn:xmpp:sid:0"))) {
            String id = e.attributeValue("id");
            if (owner.toBareJID().equals(e.attributeValue("by")) && id != null
                    && id.length() <= ArchiveStore.Archived.MAX_ID_LENGTH) {
                return id;
            }
        }
        return UUID.randomUUID().toString();
    }

    /** A recipient with a session exists: the account lookup (a database read) only for offline ones. */
    private boolean accountExists(JID bare) {
        return !ctx.routes().routes(bare).isEmpty() || ctx.accounts().exists(bare);
    }

    private boolean inRoster(JID owner, JID peer) {
        return ctx.service(Rosters.class).map(r -> r.item(owner, peer).isPresent()).orElse(false);
    }

    private void expire() {
        int n = store.deleteOlderThan(ctx.server().clock().instant().minus(config.retention()));
        if (n > 0) {
            LOG.info("Deleted {} archived messages older than {}", n, config.retention());
        }
    }

    // ---- queries ----

    /** §4.1.1: the fields a query form may have. */
    private IQ form(IQ request, Origin origin) throws StanzaException {
        own(request, origin);
        IQ result = IQ.createResultIQ(request);
        Element form = result.setChildElement("query", NS).addElement(QName.get("x", MamQuery.DATA_NS));
        form.addAttribute("type", "form");
        Element type = form.addElement("field").addAttribute("var", "FORM_TYPE").addAttribute("type", "hidden");
        type.addElement("value").setText(NS);
        form.addElement("field").addAttribute("var", "with").addAttribute("type", "jid-single");
        form.addElement("field").addAttribute("var", "start").addAttribute("type", "text-single");
        form.addElement("field").addAttribute("var", "end").addAttribute("type", "text-single");
        form.addElement("field").addAttribute("var", "before-id").addAttribute("type", "text-single");
        form.addElement("field").addAttribute("var", "after-id").addAttribute("type", "text-single");
        form.addElement("field").addAttribute("var", "ids").addAttribute("type", "text-multi");
        return result;
    }

    /** §4: the matching messages, each in its own {@code <message/>}, then the IQ result with {@code <fin/>}. */
    private IQ query(IQ request, Origin origin) throws StanzaException {
        JID owner = own(request, origin);
        MamQuery q = MamQuery.parse(request.getChildElement(), owner.toBareJID(), config.defaultPageSize(), config.maxPageSize());
        ArchiveStore.Query query = q.query();
        Duration keep = settings.retention(owner);
        if (!keep.isZero() && query.ids() == null) {
            // What retention has deleted or is about to is not shown, swept or not.
            Instant cutoff = ctx.server().clock().instant().minus(keep);
            query = query.between(query.start() == null || query.start().isBefore(cutoff) ? cutoff : query.start(), query.end());
        }
        long began = System.nanoTime();
        ArchiveStore.Page page = store.query(query).orElseThrow(() -> new StanzaException(
                PacketError.Condition.item_not_found, "no message with that id in the archive"));
        queryTime.observe((System.nanoTime() - began) / 1e9);
        List<ArchiveStore.Archived> messages = new ArrayList<>(page.messages());
        if (q.flip()) {
            java.util.Collections.reverse(messages);
        }
        LocalSession session = ctx.sessions().find(origin.jid()).orElse(null);
        for (ArchiveStore.Archived m : messages) {
            Message result = resultMessage(origin.jid(), owner, q.queryId(), m);
            if (result == null) {
                continue;
            }
            if (session != null) {
                session.deliver(result);
            } else {
                ctx.router().route(result);
            }
        }
        IQ answer = IQ.createResultIQ(request);
        Element fin = answer.setChildElement("fin", NS);
        if (page.complete()) {
            fin.addAttribute("complete", "true");
        }
        Element set = fin.addElement(QName.get("set", MamQuery.RSM_NS));
        if (!messages.isEmpty()) {
            set.addElement("first").setText(messages.get(0).id());
            set.addElement("last").setText(messages.get(messages.size() - 1).id());
        }
        return answer;
    }

    /** §4.2: one archived message, forwarded with its archiving time; null when its row cannot be read. */
    private static Message resultMessage(JID to, JID owner, String queryId, ArchiveStore.Archived m) {
        Message message = new Message();
        message.setTo(to);
        message.setFrom(owner);
        message.setID(UUID.randomUUID().toString());
        try {
            Forwarded.addResult(message, queryId, m.id(), m.stamp(), m.stanza());
        } catch (IllegalStateException e) {
            LOG.warn("Archived message {} of {} cannot be read; skipping it", m.id(), owner, e);
            return null;
        }
        return message;
    }

    /** §5.3 (1.1): the archive's first and last message. */
    private IQ metadata(IQ request, Origin origin) throws StanzaException {
        JID owner = own(request, origin);
        IQ result = IQ.createResultIQ(request);
        Element metadata = result.setChildElement("metadata", NS);
        store.first(owner.toBareJID()).ifPresent(m ->
                metadata.addElement("start").addAttribute("id", m.id()).addAttribute("timestamp", Forwarded.stamp(m.stamp())));
        store.last(owner.toBareJID()).ifPresent(m ->
                metadata.addElement("end").addAttribute("id", m.id()).addAttribute("timestamp", Forwarded.stamp(m.stamp())));
        return result;
    }

    // ---- preferences ----

    private IQ getPrefs(IQ request, Origin origin) throws StanzaException {
        JID owner = own(request, origin);
        IQ result = IQ.createResultIQ(request);
        result.setChildElement(settings.prefs(owner).toXml());
        return result;
    }

    /** §6.1: replaces the preferences and answers with them as stored. */
    private IQ setPrefs(IQ request, Origin origin) throws StanzaException {
        JID owner = own(request, origin);
        Prefs prefs = Prefs.parse(request.getChildElement());
        settings.setPrefs(owner, prefs);
        IQ result = IQ.createResultIQ(request);
        result.setChildElement(prefs.toXml());
        return result;
    }

    /** A user's own archive only. */
    private static JID own(IQ request, Origin origin) throws StanzaException {
        if (origin.kind() != Origin.Kind.CLIENT
                || (request.getTo() != null && !request.getTo().toBareJID().equals(origin.jid().toBareJID()))) {
            throw new StanzaException(PacketError.Condition.forbidden, "only the archive's owner may use it");
        }
        return origin.jid().asBareJID();
    }
}
