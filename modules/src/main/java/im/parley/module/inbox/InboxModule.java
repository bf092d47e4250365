package im.parley.module.inbox;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.event.AccountDeleted;
import im.parley.api.session.LocalSession;
import im.parley.module.archive.InMemoryInboxStore;
import im.parley.module.archive.InboxStore;
import im.parley.module.archive.MessagesArchived;
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
import org.xmpp.packet.PacketError;

/**
 * The inbox (XEP-0430): a user's conversations, newest first, each with its last message and
 * the number of messages not read yet; what a client shows first when it opens. Follows the
 * archive (XEP-0313): a message with a body becomes its conversation's last, counts as unread for
 * its recipient and marks the conversation read for its sender; a displayed or acknowledged chat
 * marker (XEP-0333) the user sends marks it read. Receipts change nothing.
 */
@Configured(InboxConfig.class)
@Xep(number = 430, version = "0.2.0")
public final class InboxModule implements Module {
    static final String NS = "urn:xmpp:inbox:1";
    private static final String RSM_NS = "http://jabber.org/protocol/rsm";
    private static final String MARKERS = "urn:xmpp:chat-markers:0";
    private static final Logger LOG = LoggerFactory.getLogger(InboxModule.class);

    private ModuleContext ctx;
    private InboxConfig config;
    private InboxStore store;
    /**
     * Updates wait here and are written in batches off the messages' path: the inbox is a view of
     * the archive, not something a message waits for; one transaction per message would cap the
     * message rate, and the updates of a burst share one.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Object> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();
    private static final int BATCH = 500;

    @Override
    public String name() {
        return "inbox";
    }

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config(InboxConfig.class);
        this.store = ctx.repository(InboxStore.class, InMemoryInboxStore::new);
        ctx.feature(IqScope.ACCOUNT, NS);
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, NS, "inbox", this::inbox);
        ctx.on(MessagesArchived.class, this::archived);
        ctx.on(AccountDeleted.class, e -> store.deleteInbox(e.account().toBareJID()));
    }

    private void archived(MessagesArchived event) {
        Message message = event.message();
        boolean instant = message.getBody() != null;
        boolean read = isReadMarker(message);
        if (!instant && !read) {
            return;
        }
        List<InboxStore.Update> changes = new ArrayList<>(2);
        for (MessagesArchived.Entry e : event.archived()) {
            if (instant) {
                changes.add(new InboxStore.Update(e.entry().archive(), e.entry().with(), e.entry().id(), e.entry().stamp(),
                        e.entry().stanza(), e.incoming()));
            } else if (!e.incoming()) {
                pending.add(new MarkRead(e.entry().archive(), e.entry().with()));
            }
        }
        pending.addAll(changes);
        if (draining.compareAndSet(false, true)) {
            ctx.scheduler().schedule(java.time.Duration.ZERO, this::drain);
        }
    }

    /** Writes what is still queued before the server stops. */
    @Override
    public void stop() {
        synchronized (this) {
            drainNow();
        }
    }

    /** A conversation read by its owner, queued in order with the updates. */
    private record MarkRead(String owner, String with) {
    }

    /** Writes what queued, in order: runs of updates in one transaction each, reads between them. */
    private void drain() {
        try {
            synchronized (this) {
                drainNow();
            }
        } finally {
            draining.set(false);
            if (!pending.isEmpty() && draining.compareAndSet(false, true)) {
                ctx.scheduler().schedule(java.time.Duration.ZERO, this::drain);
            }
        }
    }

    private void drainNow() {
        List<InboxStore.Update> run = new ArrayList<>();
        Object next;
        while ((next = pending.poll()) != null) {
            if (next instanceof InboxStore.Update u) {
                run.add(u);
                if (run.size() >= BATCH) {
                    write(run);
                }
            } else if (next instanceof MarkRead read) {
                write(run); // the updates before it first
                try {
                    store.markRead(read.owner(), read.with());
                } catch (RuntimeException e) {
                    LOG.warn("Could not mark {}'s conversation with {} read", read.owner(), read.with(), e);
                }
            }
        }
        write(run);
    }

    private void write(List<InboxStore.Update> run) {
        if (run.isEmpty()) {
            return;
        }
        try {
            store.record(List.copyOf(run));
        } catch (RuntimeException e) {
            LOG.warn("Could not record {} inbox updates; those conversations' unread counts may be off", run.size(), e);
        }
        run.clear();
    }

    /** XEP-0430 §4: "displayed" and "acknowledged" mark read; "received" does not. */
    private static boolean isReadMarker(Message message) {
        for (Element child : message.getElement().elements()) {
            if (MARKERS.equals(child.getNamespaceURI())
                    && ("displayed".equals(child.getName()) || "acknowledged".equals(child.getName()))) {
                return true;
            }
        }
        return false;
    }

    /** §3.1: one message per conversation, newest first, then the result with the totals. */
    private IQ inbox(IQ request, Origin origin) throws StanzaException {
        if (origin.kind() != Origin.Kind.CLIENT
                || (request.getTo() != null && !request.getTo().toBareJID().equals(origin.jid().toBareJID()))) {
            throw new StanzaException(PacketError.Condition.forbidden, "only the inbox's owner may read it");
        }
        JID owner = origin.jid().asBareJID();
        Element inbox = request.getChildElement();
        boolean unreadOnly = bool(inbox, "unread-only", false);
        boolean messages = bool(inbox, "messages", true);
        int max = config.defaultPageSize();
        String after = null;
        Element set = inbox.element(QName.get("set", RSM_NS));
        if (set != null) {
            if (set.element("max") != null) {
                try {
                    max = Integer.parseInt(set.element("max").getTextTrim());
                } catch (NumberFormatException e) {
                    throw new StanzaException(PacketError.Condition.bad_request, "<max/> must be a number");
                }
                if (max < 0) {
                    throw new StanzaException(PacketError.Condition.bad_request, "<max/> must not be negative");
                }
                if (max > config.maxPageSize()) {
                    throw StanzaException.policyViolation("at most " + config.maxPageSize() + " conversations per request");
                }
            }
            if (set.element("before") != null || set.element("index") != null) {
                throw new StanzaException(PacketError.Condition.feature_not_implemented,
                        "the inbox pages forward only, with <after/>");
            }
            if (set.element("after") != null) {
                after = set.element("after").getTextTrim();
            }
        }
        String from = after;
        InboxStore.Page page = store.list(owner.toBareJID(), after, max, unreadOnly).orElseThrow(() ->
                new StanzaException(PacketError.Condition.item_not_found, "no conversation with " + from));
        LocalSession session = ctx.sessions().find(origin.jid()).orElse(null);
        for (InboxStore.Conversation c : page.conversations()) {
            Message entry = entry(origin.jid(), owner, request.getID(), c, messages);
            if (session != null) {
                session.deliver(entry);
            } else {
                ctx.router().route(entry);
            }
        }
        InboxStore.Totals totals = store.totals(owner.toBareJID());
        IQ result = IQ.createResultIQ(request);
        Element fin = result.setChildElement("fin", NS);
        fin.addAttribute("total", Integer.toString(totals.conversations()));
        fin.addAttribute("unread", Integer.toString(totals.unreadConversations()));
        fin.addAttribute("all-unread", Integer.toString(totals.unreadMessages()));
        Element rsm = fin.addElement(QName.get("set", RSM_NS));
        if (!page.conversations().isEmpty()) {
            rsm.addElement("first").setText(page.conversations().get(0).with());
            rsm.addElement("last").setText(page.conversations().get(page.conversations().size() - 1).with());
        }
        rsm.addElement("count").setText(Integer.toString(unreadOnly ? totals.unreadConversations() : totals.conversations()));
        return result;
    }

    private static Message entry(JID to, JID owner, String queryId, InboxStore.Conversation c, boolean withMessage) {
        Message message = new Message();
        message.setTo(to);
        message.setFrom(owner);
        message.setID(UUID.randomUUID().toString());
        Element entry = message.addChildElement("entry", NS);
        entry.addAttribute("jid", c.with());
        entry.addAttribute("unread", Integer.toString(c.unread()));
        entry.addAttribute("id", c.lastId());
        if (withMessage) {
            try {
                im.parley.module.archive.Forwarded.addResult(message, queryId, c.lastId(), c.lastStamp(), c.lastStanza());
            } catch (IllegalStateException e) {
                LOG.warn("The last message of {}'s conversation with {} cannot be read; listed without it", owner, c.with(), e);
            }
        }
        return message;
    }

    private static boolean bool(Element element, String attribute, boolean otherwise) throws StanzaException {
        String value = element.attributeValue(attribute);
        if (value == null) {
            return otherwise;
        }
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new StanzaException(PacketError.Condition.bad_request, "'" + attribute + "' must be true or false");
        };
    }
}
