package im.parley.core.account;

import im.parley.api.ServerInfo;
import im.parley.api.account.AccountException;
import im.parley.api.account.AccountStore;
import im.parley.api.account.Accounts;
import im.parley.api.account.ScramCredential;
import im.parley.api.account.ScramHash;
import im.parley.api.account.StoredAccount;
import im.parley.api.event.AccountCreated;
import im.parley.api.event.AccountDeleted;
import im.parley.api.routing.Route;
import im.parley.api.routing.SessionDirectory;
import im.parley.core.routing.RouteDelivery;
import im.parley.core.dispatch.EventBus;
import im.parley.core.sasl.ScramCredentials;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

/** Account operations over the {@link AccountStore}: password policy, salted credentials, events. */
public final class AccountService implements Accounts {
    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
    private static final int MAX_USERNAME_BYTES = 1023;

    private final AccountStore store;
    private final ServerInfo server;
    private final EventBus events;
    private final SessionDirectory routes;
    private final RouteDelivery delivery;
    private final int iterations;
    private final int minPasswordLength;

    public AccountService(AccountStore store, ServerInfo server, EventBus events, SessionDirectory routes,
                          RouteDelivery delivery, int iterations, int minPasswordLength) {
        this.store = store;
        this.server = server;
        this.events = events;
        this.routes = routes;
        this.delivery = delivery;
        this.iterations = iterations;
        this.minPasswordLength = minPasswordLength;
    }

    @Override
    public boolean exists(JID account) {
        return find(account).isPresent();
    }

    @Override
    public Optional<StoredAccount> find(JID account) {
        if (account.getNode() == null || !server.isLocalDomain(account.getDomain())) {
            return Optional.empty();
        }
        return store.find(account.getNode(), account.getDomain());
    }

    @Override
    public void create(JID account, String password) throws AccountException {
        String username = checkAddress(account);
        List<ScramCredential> credentials = credentials(password);
        // Databases keep microseconds; truncating here makes every backend return the same value.
        StoredAccount stored = new StoredAccount(username, account.getDomain(), credentials,
                server.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        if (!store.create(stored)) {
            throw new AccountException(AccountException.Reason.EXISTS, username + "@" + account.getDomain() + " already exists");
        }
        JID bare = new JID(username, account.getDomain(), null);
        LOG.info("Account {} created", bare);
        events.publish(new AccountCreated(bare));
    }

    @Override
    public void changePassword(JID account, String password) throws AccountException {
        String username = checkAddress(account);
        if (!store.updateCredentials(username, account.getDomain(), credentials(password))) {
            throw new AccountException(AccountException.Reason.NOT_FOUND, "no account " + username + "@" + account.getDomain());
        }
        LOG.info("Password of {}@{} changed", username, account.getDomain());
    }

    @Override
    public void delete(JID account) throws AccountException {
        String username = checkAddress(account);
        if (!store.delete(username, account.getDomain())) {
            throw new AccountException(AccountException.Reason.NOT_FOUND, "no account " + username + "@" + account.getDomain());
        }
        JID bare = new JID(username, account.getDomain(), null);
        LOG.info("Account {} deleted", bare);
        events.publish(new AccountDeleted(bare));
        for (Route route : routes.routes(bare)) {
            delivery.close(route, new StreamError(StreamError.Condition.not_authorized, "the account was deleted", "en"));
        }
    }

    @Override
    public boolean verify(JID account, String password) {
        Optional<StoredAccount> stored = find(account);
        Optional<ScramCredential> credential = stored.flatMap(a -> a.credential(ScramHash.SHA_256))
                .or(() -> stored.flatMap(a -> a.credential(ScramHash.SHA_1)));
        try {
            return credential.isPresent() && ScramCredentials.verify(password, credential.get());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public List<JID> list(String domain, int offset, int limit) {
        return store.list(domain, offset, limit).stream().map(u -> new JID(u, domain, null, true)).toList();
    }

    @Override
    public long count(String domain) {
        return store.count(domain);
    }

    @Override
    public String normalizeUsername(String username) throws AccountException {
        try {
            String prepped = username == null ? null : JID.nodeprep(username.trim());
            if (prepped == null || prepped.isEmpty() || prepped.getBytes(StandardCharsets.UTF_8).length > MAX_USERNAME_BYTES) {
                throw new IllegalArgumentException();
            }
            return prepped;
        } catch (IllegalArgumentException e) {
            throw new AccountException(AccountException.Reason.INVALID_USERNAME, "'" + username + "' is not a valid user name");
        }
    }

    private String checkAddress(JID account) throws AccountException {
        if (!server.isLocalDomain(account.getDomain())) {
            throw new AccountException(AccountException.Reason.UNKNOWN_DOMAIN, account.getDomain() + " is not served here");
        }
        return normalizeUsername(account.getNode());
    }

    private List<ScramCredential> credentials(String password) throws AccountException {
        if (password == null || password.codePointCount(0, password.length()) < minPasswordLength) {
            throw new AccountException(AccountException.Reason.WEAK_PASSWORD,
                    "the password must have at least " + minPasswordLength + " characters");
        }
        try {
            return List.of(ScramCredentials.create(password, ScramHash.SHA_1, iterations),
                    ScramCredentials.create(password, ScramHash.SHA_256, iterations));
        } catch (IllegalArgumentException e) {
            throw new AccountException(AccountException.Reason.WEAK_PASSWORD, e.getMessage());
        }
    }
}
