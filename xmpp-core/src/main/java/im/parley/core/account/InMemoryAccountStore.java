package im.parley.core.account;

import im.parley.api.account.AccountStore;
import im.parley.api.account.ScramCredential;
import im.parley.api.account.StoredAccount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Accounts in memory, for tests and embedding; nothing survives a restart. */
public final class InMemoryAccountStore implements AccountStore {
    private final Map<String, StoredAccount> accounts = new ConcurrentHashMap<>();

    private static String key(String username, String domain) {
        return username + "@" + domain;
    }

    @Override
    public Optional<StoredAccount> find(String username, String domain) {
        return Optional.ofNullable(accounts.get(key(username, domain)));
    }

    @Override
    public boolean create(StoredAccount account) {
        return accounts.putIfAbsent(key(account.username(), account.domain()), account) == null;
    }

    @Override
    public boolean updateCredentials(String username, String domain, List<ScramCredential> credentials) {
        return accounts.computeIfPresent(key(username, domain),
                (k, a) -> new StoredAccount(a.username(), a.domain(), credentials, a.created())) != null;
    }

    @Override
    public boolean delete(String username, String domain) {
        return accounts.remove(key(username, domain)) != null;
    }

    @Override
    public List<String> list(String domain, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return accounts.values().stream().filter(a -> a.domain().equals(domain)).map(StoredAccount::username)
                .sorted(InMemoryAccountStore::byCodePoint).skip(offset).limit(limit).toList();
    }

    private static int byCodePoint(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    @Override
    public long count(String domain) {
        return accounts.values().stream().filter(a -> a.domain().equals(domain)).count();
    }
}
