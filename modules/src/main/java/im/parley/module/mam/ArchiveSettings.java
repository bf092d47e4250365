package im.parley.module.mam;

import im.parley.api.ModuleContext;
import im.parley.api.StanzaException;
import im.parley.api.storage.UserDocumentStore;
import im.parley.module.archive.ArchiveStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * Each user's archive settings: preferences (XEP-0313 §6) and their own retention, kept in the
 * user document store and cached on every node (a change on one node clears the others' copy),
 * and the sweeping of archives with a retention of their own. Also what the archive commands act on.
 */
final class ArchiveSettings implements ArchiveCommands.Archives {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveSettings.class);
    private static final String PREFS_KEY = "mam.prefs";
    private static final String RETENTION_KEY = "mam.retention";
    private static final String CHANGED = "mam.prefs";
    /** How often an archive with its own retention is swept, at most (when messages arrive for it). */
    private static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final ModuleContext ctx;
    private final MamConfig config;
    private final ArchiveStore store;
    private final UserDocumentStore documents;
    private final Map<String, Prefs> prefs = new ConcurrentHashMap<>();
    private final Map<String, Integer> retentionDays = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSwept = new ConcurrentHashMap<>();

    ArchiveSettings(ModuleContext ctx, MamConfig config, ArchiveStore store, UserDocumentStore documents) {
        this.ctx = ctx;
        this.config = config;
        this.store = store;
        this.documents = documents;
        ctx.cluster().onNotice(CHANGED, this::forgetCached);
    }

    private void forgetCached(String owner) {
        prefs.remove(owner);
        retentionDays.remove(owner);
    }

    private void changed(JID owner) {
        forgetCached(owner.toBareJID());
        ctx.cluster().notice(CHANGED, owner.toBareJID());
    }

    Prefs prefs(JID owner) {
        return prefs.computeIfAbsent(owner.toBareJID(), o -> {
            try {
                Optional<String> stored = documents.get(owner, PREFS_KEY);
                return stored.isEmpty() ? Prefs.of(config.defaultMode()) : Prefs.parse(im.parley.module.xml.StoredXml.parse(stored.get()));
            } catch (StanzaException | IllegalStateException e) {
                LOG.warn("Archive preferences of {} cannot be read; using the default", owner, e);
                return Prefs.of(config.defaultMode());
            }
        });
    }

    void setPrefs(JID owner, Prefs newPrefs) {
        documents.put(owner, PREFS_KEY, newPrefs.toXml().asXML());
        changed(owner);
    }

    /** How long the owner's archive keeps messages: the shorter of the server's and the owner's; zero for ever. */
    Duration retention(JID owner) {
        return ArchiveCommands.effective(config.retention(), retentionDays(owner));
    }

    /** An archive with a retention of its own is swept as messages arrive, at most hourly, off the message's path. */
    void sweepIfDue(JID owner, Instant now) {
        Duration keep = retention(owner);
        if (keep.isZero() || keep.equals(config.retention())) {
            return; // nothing beyond what the server-wide sweep does
        }
        Instant last = lastSwept.get(owner.toBareJID());
        if (last != null && last.plus(SWEEP_EVERY).isAfter(now)) {
            return;
        }
        lastSwept.put(owner.toBareJID(), now);
        ctx.scheduler().schedule(Duration.ZERO, () -> store.deleteOlderThan(owner.toBareJID(), now.minus(keep)));
    }

    /** The account is gone: its archive and settings with it. */
    void deleteAccount(JID account) {
        store.deleteArchive(account.toBareJID());
        documents.delete(account, PREFS_KEY);
        documents.delete(account, RETENTION_KEY);
        lastSwept.remove(account.toBareJID());
        changed(account);
    }

    @Override
    public int retentionDays(JID owner) {
        return retentionDays.computeIfAbsent(owner.toBareJID(), o -> documents.get(owner, RETENTION_KEY).map(text -> {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }).orElse(0));
    }

    @Override
    public int setRetentionDays(JID owner, int days) {
        documents.put(owner, RETENTION_KEY, Integer.toString(days));
        lastSwept.remove(owner.toBareJID());
        changed(owner);
        Duration keep = retention(owner);
        return keep.isZero() ? 0 : store.deleteOlderThan(owner.toBareJID(), ctx.server().clock().instant().minus(keep));
    }

    @Override
    public int purge(JID owner, Instant before) {
        return before == null ? store.deleteArchive(owner.toBareJID()) : store.deleteOlderThan(owner.toBareJID(), before);
    }

    @Override
    public boolean isAdmin(JID requester) {
        return ctx.server().isAdmin(requester);
    }

    @Override
    public boolean exists(JID account) {
        return ctx.accounts().exists(account);
    }
}
