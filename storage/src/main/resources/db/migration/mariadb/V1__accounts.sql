-- Accounts of the served domains and their SCRAM credentials (never passwords).
-- Domain and username hold UTF-8 bytes: they are compared exactly, as prepped, and sort by code
-- point; and two VARBINARY(1023) fit one InnoDB index (3072 bytes), two utf8mb4 VARCHAR(1023) do not.
-- DATETIME rather than TIMESTAMP: no 2038 limit and no session time zone conversion.

CREATE TABLE accounts (
    id BIGINT NOT NULL AUTO_INCREMENT,
    domain VARBINARY(1023) NOT NULL,
    username VARBINARY(1023) NOT NULL,
    created DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    -- Also the index for listing a domain's usernames in order.
    CONSTRAINT uk_accounts_domain_username UNIQUE (domain, username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE account_credentials (
    account_id BIGINT NOT NULL,
    hash VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    salt VARBINARY(255) NOT NULL,
    iterations INT NOT NULL,
    stored_key VARBINARY(64) NOT NULL,
    server_key VARBINARY(64) NOT NULL,
    PRIMARY KEY (account_id, hash),
    CONSTRAINT fk_account_credentials_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
