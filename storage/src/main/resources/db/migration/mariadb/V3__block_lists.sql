-- Block lists (XEP-0191): one row per address an account blocks.
-- owner_jid is the account's bare JID, blocked_jid the blocked address (full JID, bare JID, domain or
-- domain/resource), both as UTF-8 bytes: compared exactly, as prepped (resources are case-sensitive).
-- A JID can be 3071 bytes, too long to index beside its owner (InnoDB keys hold 3072 bytes), so the
-- unique key holds its SHA-256 instead: 2047 + 32 bytes. The same key serves the lookup of a list.

CREATE TABLE block_list_items (
    id BIGINT NOT NULL AUTO_INCREMENT,
    owner_jid VARBINARY(2047) NOT NULL,
    blocked_jid VARBINARY(3071) NOT NULL,
    blocked_jid_hash VARBINARY(32) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_block_list_items_owner_blocked UNIQUE (owner_jid, blocked_jid_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
