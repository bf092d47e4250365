package im.parley.module.offline;

import im.parley.api.IqScope;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.StanzaRoute;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.event.AccountDeleted;
import im.parley.api.event.SessionAvailable;
import im.parley.api.session.LocalSession;
import io.prometheus.metrics.core.metrics.Counter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Offline messages (XEP-0160): chat and normal messages for an account without an available
 * resource are stored with a delay stamp (XEP-0203) and delivered in order when the account
 * next sends available presence with a non-negative priority.
 */
@Configured(OfflineConfig.class)
@Xep(number = 160, version = "1.0.1")
@Xep(number = 203, version = "2.0", note = "delay stamps on stored messages")
public final class OfflineModule implements Module {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineModule.class);
    private static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    private static final String HINTS = "urn:xmpp:hints";
    private static final int BATCH = 100;
    private static final String STORED = "offline.stored";
    /** Delivery of one account's messages runs one at a time on a node (striped by account). */
    private final Object[] locks = java.util.stream.IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

    private ModuleContext ctx;
    private OfflineConfig config;
    private OfflineStore store;
    private Counter stored;
    private Counter refused;
    private Counter delivered;
    private Counter expired;

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config(OfflineConfig.class);
        this.store = ctx.repository(OfflineStore.class, InMemoryOfflineStore::new);
        this.stored = ctx.metrics().counter("stored_total", "Messages stored for offline users");
        this.refused = ctx.metrics().counter("refused_total", "Messages refused because offline storage was full");
        this.delivered = ctx.metrics().counter("delivered_total", "Stored messages delivered when their owner came online");
        this.expired = ctx.metrics().counter("expired_total", "Stored messages deleted unread after offline.expire_after");
        ctx.onStanza(StanzaRoute.MESSAGE_UNDELIVERABLE, 100, this::store);
        ctx.on(SessionAvailable.class, e -> deliver(e.session()));
        // A message stored while its user was coming online (on this node or another, whose route
        // had not reached the storing node yet) is delivered now rather than at the next login.
        ctx.cluster().onNotice(STORED, owner -> ctx.scheduler().schedule(Duration.ZERO, () -> deliverIfOnline(new JID(owner))));
        ctx.on(AccountDeleted.class, e -> store.deleteAll(e.account()));
        ctx.feature(IqScope.SERVER, "msgoffline");
        if (!config.expireAfter().isZero()) {
            ctx.scheduler().scheduleAtFixedRate(Duration.ofMinutes(1), Duration.ofHours(1), this::expire);
        }
    }

    private boolean store(Packet stanza, Origin origin) throws StanzaException {
        Message message = (Message) stanza;
        Message.Type type = message.getType();
        if (type != Message.Type.chat && type != Message.Type.normal) {
            return false; // XEP-0160 §3: only chat and normal messages are stored
        }
        if (!worthKeeping(message)) {
            return true; // typing notifications and no-store hints are not kept, and need no error
        }
        JID owner = message.getTo().asBareJID();
        Instant now = ctx.server().clock().instant();
        Message copy = message.createCopy();
        if (copy.getChildElement("delay", "urn:xmpp:delay") == null) {
            Element delay = copy.addChildElement("delay", "urn:xmpp:delay");
            delay.addAttribute("from", owner.getDomain());
            delay.addAttribute("stamp", DateTimeFormatter.ISO_INSTANT.format(now.atOffset(ZoneOffset.UTC)));
            delay.setText("Offline Storage");
        }
        if (!store.add(owner, now, copy.toXML(), config.maxMessages())) {
            refused.inc();
            throw new StanzaException(PacketError.Condition.service_unavailable, "the recipient's offline storage is full");
        }
        stored.inc();
        ctx.cluster().notice(STORED, owner.toBareJID());
        return true;
    }

    /** Chat states alone (XEP-0085 §5.6) and messages hinted no-store (XEP-0334) are not kept. */
    private static boolean worthKeeping(Message message) {
        boolean content = false;
        for (Element child : message.getElement().elements()) {
            String ns = child.getNamespaceURI();
            if (HINTS.equals(ns) && ("no-store".equals(child.getName()) || "no-permanent-store".equals(child.getName()))) {
                return false;
            }
            if (!CHAT_STATES.equals(ns) && !HINTS.equals(ns) && !"thread".equals(child.getName())) {
                content = true;
            }
        }
        return content;
    }

    /** Delivers to the account's first available resource, if this node holds it. */
    private void deliverIfOnline(JID owner) {
        ctx.routes().routes(owner).stream()
                .filter(r -> r.available() && r.priority() >= 0)
                .min(java.util.Comparator.comparing(r -> r.address().toString()))
                .filter(r -> r.node().equals(ctx.cluster().localNode()))
                .flatMap(r -> ctx.sessions().find(r.address()))
                .ifPresent(this::deliver);
    }

    /** XEP-0160 §5: delivered when the user sends available presence with a non-negative priority. */
    private void deliver(LocalSession session) {
        if (session.priority() < 0) {
            return;
        }
        JID owner = session.address().asBareJID();
        synchronized (locks[Math.floorMod(owner.toBareJID().hashCode(), locks.length)]) {
            deliverStored(session, owner);
        }
    }

    private void deliverStored(LocalSession session, JID owner) {
        List<OfflineStore.Stored> batch;
        while (!(batch = store.list(owner, BATCH)).isEmpty()) {
            for (OfflineStore.Stored m : batch) {
                try {
                    Message message = new Message(im.parley.module.xml.StoredXml.parse(m.stanza()), true);
                    message.setTo(session.address());
                    session.deliver(message);
                } catch (IllegalStateException e) {
                    LOG.warn("Stored offline message {} of {} cannot be read; dropping it", m.id(), owner, e);
                }
            }
            store.remove(owner, batch.stream().map(OfflineStore.Stored::id).toList());
            delivered.inc(batch.size());
            if (batch.size() < BATCH) {
                break;
            }
        }
    }

    private void expire() {
        int n = store.deleteOlderThan(ctx.server().clock().instant().minus(config.expireAfter()));
        expired.inc(n);
        if (n > 0) {
            LOG.info("Deleted {} offline messages older than {}", n, config.expireAfter());
        }
    }
}
