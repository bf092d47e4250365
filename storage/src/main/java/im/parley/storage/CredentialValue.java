package im.parley.storage;

import im.parley.api.account.ScramCredential;
import im.parley.api.account.ScramHash;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One row of {@code account_credentials}: an account's SCRAM credential for one hash function.
 * Fields are not final because Hibernate fills them by reflection.
 */
@Embeddable
class CredentialValue {
    // VARCHAR rather than a database ENUM, so that adding a hash needs no column change.
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "hash", nullable = false, length = 16)
    private ScramHash hash;

    @Column(name = "salt", nullable = false, length = 255)
    private byte[] salt;

    @Column(name = "iterations", nullable = false)
    private int iterations;

    @Column(name = "stored_key", nullable = false, length = 64)
    private byte[] storedKey;

    @Column(name = "server_key", nullable = false, length = 64)
    private byte[] serverKey;

    protected CredentialValue() {
        // for Hibernate
    }

    CredentialValue(ScramCredential credential) {
        this.hash = credential.hash();
        this.salt = credential.salt().clone();
        this.iterations = credential.iterations();
        this.storedKey = credential.storedKey().clone();
        this.serverKey = credential.serverKey().clone();
    }

    ScramHash hash() {
        return hash;
    }

    ScramCredential toCredential() {
        return new ScramCredential(hash, salt.clone(), iterations, storedKey.clone(), serverKey.clone());
    }
}
