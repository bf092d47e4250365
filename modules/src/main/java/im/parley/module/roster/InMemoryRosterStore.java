package im.parley.module.roster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.xmpp.packet.JID;

/** Rosters in memory, for tests and servers without persistent storage. */
public final class InMemoryRosterStore implements RosterStore {
    private static final class Account {
        long version;
        final Map<String, RosterItem> items = new LinkedHashMap<>();
        final Map<String, PendingSubscription> pending = new LinkedHashMap<>();
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    private Account account(JID owner) {
        return accounts.computeIfAbsent(owner.toBareJID(), o -> new Account());
    }

    @Override
    public Roster roster(JID owner) {
        Account a = account(owner);
        synchronized (a) {
            return new Roster(a.version, new ArrayList<>(a.items.values()));
        }
    }

    @Override
    public Optional<RosterItem> item(JID owner, JID contact) {
        Account a = account(owner);
        synchronized (a) {
            return Optional.ofNullable(a.items.get(contact.toBareJID()));
        }
    }

    @Override
    public Change update(JID owner, JID contact, UnaryOperator<Optional<RosterItem>> change) {
        Account a = account(owner);
        synchronized (a) {
            Optional<RosterItem> before = Optional.ofNullable(a.items.get(contact.toBareJID()));
            Optional<RosterItem> after = change.apply(before);
            if (!before.equals(after)) {
                a.version++;
                if (after.isPresent()) {
                    a.items.put(contact.toBareJID(), after.get());
                } else {
                    a.items.remove(contact.toBareJID());
                }
            }
            return new Change(before, after, a.version);
        }
    }

    @Override
    public int size(JID owner) {
        Account a = account(owner);
        synchronized (a) {
            return a.items.size();
        }
    }

    @Override
    public List<PendingSubscription> pending(JID owner) {
        Account a = account(owner);
        synchronized (a) {
            return List.copyOf(a.pending.values());
        }
    }

    @Override
    public Optional<PendingSubscription> pending(JID owner, JID contact) {
        Account a = account(owner);
        synchronized (a) {
            return Optional.ofNullable(a.pending.get(contact.toBareJID()));
        }
    }

    @Override
    public void addPending(JID owner, PendingSubscription pending) {
        Account a = account(owner);
        synchronized (a) {
            a.pending.put(pending.contact().toBareJID(), pending);
        }
    }

    @Override
    public boolean removePending(JID owner, JID contact) {
        Account a = account(owner);
        synchronized (a) {
            return a.pending.remove(contact.toBareJID()) != null;
        }
    }

    @Override
    public void deleteAll(JID owner) {
        accounts.remove(owner.toBareJID());
    }
}
