package im.parley.storage;

import im.parley.api.account.ScramCredential;
import im.parley.api.account.StoredAccount;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A row of {@code accounts} with its credentials; never leaves this package (repositories hand
 * out {@link StoredAccount}). Fields are not final because Hibernate fills them by reflection.
 */
@Entity(name = "Account")
@Table(name = "accounts")
class AccountEntity {
    /** Longest domain or username in bytes (RFC 7622 §3.2, §3.3). */
    static final int MAX_PART_BYTES = 1023;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "domain", nullable = false, length = MAX_PART_BYTES)
    private String domain;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "username", nullable = false, length = MAX_PART_BYTES)
    private String username;

    @Column(name = "created", nullable = false)
    private Instant created;

    @ElementCollection
    @CollectionTable(name = "account_credentials", joinColumns = @JoinColumn(name = "account_id"))
    private List<CredentialValue> credentials = new ArrayList<>();

    protected AccountEntity() {
        // for Hibernate
    }

    AccountEntity(StoredAccount account) {
        this.domain = account.domain();
        this.username = account.username();
        // Both databases keep microseconds; cutting here makes every backend return the same value.
        this.created = account.created() == null ? null : account.created().truncatedTo(ChronoUnit.MICROS);
        replaceCredentials(account.credentials());
    }

    void replaceCredentials(List<ScramCredential> replacement) {
        credentials.clear();
        replacement.forEach(c -> credentials.add(new CredentialValue(c)));
    }

    StoredAccount toAccount() {
        // Sorted by hash: rows come back in no particular order, and one order keeps results comparable.
        List<ScramCredential> list = credentials.stream()
                .sorted(Comparator.comparing(CredentialValue::hash))
                .map(CredentialValue::toCredential)
                .toList();
        return new StoredAccount(username, domain, list, created);
    }
}
