package im.parley.storage;

import im.parley.module.roster.PendingSubscription;
import im.parley.module.roster.Roster;
import im.parley.module.roster.RosterItem;
import im.parley.module.roster.RosterStore;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.xmpp.packet.JID;

/**
 * Rosters and pending subscription requests in the database, in the {@code rosters},
 * {@code roster_items}, {@code roster_item_groups} and {@code roster_pending} tables.
 *
 * <p>Every change takes the write lock on the owner's {@code rosters} row first (see
 * {@link OwnerLock}), so changes to one roster are serialized across cluster nodes and the version
 * counts them exactly. Reading a whole roster takes a read lock on that row, so the items and the
 * version it returns belong together: a client caching them (XEP-0237) never pairs old items with a
 * new version, whatever the database's isolation level.
 */
final class HibernateRosterStore implements RosterStore {
    private static final String ROSTER_OF = "(select r.id from Roster r where r.owner = :owner)";

    private final SessionFactory sessions;
    private final OwnerLock<RosterEntity> rosters;

    HibernateRosterStore(SessionFactory sessions) {
        this.sessions = sessions;
        this.rosters = new OwnerLock<>(sessions, RosterEntity.class, "Roster", RosterEntity::new);
    }

    @Override
    public Roster roster(JID owner) {
        return sessions.fromTransaction(s -> {
            s.setDefaultReadOnly(true);
            Optional<RosterEntity> roster = rosters.find(s, owner.toBareJID(), LockModeType.PESSIMISTIC_READ);
            if (roster.isEmpty()) {
                return new Roster(0, List.of());
            }
            List<RosterItem> items = s.createSelectionQuery("from RosterItem i left join fetch i.groups"
                            + " where i.rosterId = :roster order by i.id", RosterItemEntity.class)
                    .setParameter("roster", roster.get().id())
                    .getResultList().stream()
                    .map(RosterItemEntity::toItem)
                    .toList();
            return new Roster(roster.get().version(), items);
        });
    }

    @Override
    public Optional<RosterItem> item(JID owner, JID contact) {
        return read(s -> s.createSelectionQuery("from RosterItem i left join fetch i.groups"
                        + " where i.contact = :contact and i.rosterId in " + ROSTER_OF, RosterItemEntity.class)
                .setParameter("owner", owner.toBareJID())
                .setParameter("contact", contact.toBareJID())
                .uniqueResultOptional()
                .map(RosterItemEntity::toItem));
    }

    @Override
    public Change update(JID owner, JID contact, UnaryOperator<Optional<RosterItem>> change) {
        String key = contact.toBareJID();
        return rosters.write(owner.toBareJID(), (s, roster) -> {
            Optional<RosterItemEntity> row = findItem(s, roster.id(), key);
            Optional<RosterItem> before = row.map(RosterItemEntity::toItem);
            Optional<RosterItem> after = Objects.requireNonNull(change.apply(before), "the change returned null");
            if (before.equals(after)) {
                return new Change(before, after, roster.version());
            }
            if (after.isEmpty()) {
                s.remove(row.get());
            } else if (row.isPresent()) {
                row.get().update(after.get());
            } else {
                s.persist(new RosterItemEntity(roster.id(), key, after.get()));
            }
            return new Change(before, after, roster.bump());
        });
    }

    @Override
    public int size(JID owner) {
        return read(s -> s.createSelectionQuery("select count(*) from RosterItem i where i.rosterId in " + ROSTER_OF,
                        Long.class)
                .setParameter("owner", owner.toBareJID())
                .getSingleResult()).intValue();
    }

    @Override
    public List<PendingSubscription> pending(JID owner) {
        return read(s -> s.createSelectionQuery("from RosterPending p where p.rosterId in " + ROSTER_OF + " order by p.id",
                        PendingSubscriptionEntity.class)
                .setParameter("owner", owner.toBareJID())
                .getResultList().stream()
                .map(PendingSubscriptionEntity::toPending)
                .toList());
    }

    @Override
    public Optional<PendingSubscription> pending(JID owner, JID contact) {
        return read(s -> s.createSelectionQuery("from RosterPending p where p.contact = :contact and p.rosterId in "
                        + ROSTER_OF, PendingSubscriptionEntity.class)
                .setParameter("owner", owner.toBareJID())
                .setParameter("contact", contact.toBareJID())
                .uniqueResultOptional()
                .map(PendingSubscriptionEntity::toPending));
    }

    @Override
    public void addPending(JID owner, PendingSubscription pending) {
        String contact = pending.contact().toBareJID();
        // Under the owner's lock, so two requests from one contact cannot both insert.
        rosters.write(owner.toBareJID(), (s, roster) -> {
            s.createSelectionQuery("from RosterPending p where p.rosterId = :roster and p.contact = :contact",
                            PendingSubscriptionEntity.class)
                    .setParameter("roster", roster.id())
                    .setParameter("contact", contact)
                    .uniqueResultOptional()
                    .ifPresentOrElse(p -> p.replaceStanza(pending.stanza()),
                            () -> s.persist(new PendingSubscriptionEntity(roster.id(), contact, pending.stanza())));
            return null;
        });
    }

    @Override
    public boolean removePending(JID owner, JID contact) {
        // The roster's id first: MariaDB runs a DELETE with an IN subquery as a scan of the whole
        // table, locking every row; by (roster_id, contact) it deletes through the unique key.
        return sessions.fromTransaction(s -> rosters.find(s, owner.toBareJID(), LockModeType.NONE)
                .map(roster -> s.createMutationQuery(
                                "delete from RosterPending p where p.rosterId = :roster and p.contact = :contact")
                        .setParameter("roster", roster.id())
                        .setParameter("contact", contact.toBareJID())
                        .executeUpdate() > 0)
                .orElse(false));
    }

    @Override
    public void deleteAll(JID owner) {
        // The foreign keys' ON DELETE CASCADE removes the items, their groups and the pending requests;
        // the delete waits for a change in progress, which holds the row's lock.
        sessions.inTransaction(s -> s.createMutationQuery("delete from Roster r where r.owner = :owner")
                .setParameter("owner", owner.toBareJID())
                .executeUpdate());
    }

    private static Optional<RosterItemEntity> findItem(Session s, long roster, String contact) {
        return s.createSelectionQuery("from RosterItem i left join fetch i.groups"
                        + " where i.rosterId = :roster and i.contact = :contact", RosterItemEntity.class)
                .setParameter("roster", roster)
                .setParameter("contact", contact)
                .uniqueResultOptional();
    }

    /** Runs one query in a read-only session: Hibernate keeps no snapshots of the loaded rows. */
    private <R> R read(Function<Session, R> query) {
        return sessions.fromTransaction(s -> {
            s.setDefaultReadOnly(true);
            return query.apply(s);
        });
    }
}
