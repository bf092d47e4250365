-- Inboxes (XEP-0430): one row per conversation of an account, with its last message and how many
-- messages from the other party the account has not read.
-- Owners and partners are bare JIDs (or room JIDs) as UTF-8 bytes: compared exactly, as prepped, and
-- ordered by code point. Each can be 2047 bytes, and two of them pass InnoDB's 3072-byte key limit,
-- so the keys hold the owner's SHA-256 (32 bytes) in its place, as block_list_items does.
-- DATETIME rather than TIMESTAMP: no 2038 limit and no session time zone conversion.

CREATE TABLE inbox_conversations (
    owner_hash VARBINARY(32) NOT NULL,
    owner VARBINARY(2047) NOT NULL,
    with_jid VARBINARY(2047) NOT NULL,
    -- The archive id of the last message.
    last_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    last_stamp DATETIME(6) NOT NULL,
    -- The server's stanza limit is 256 KiB by default, and TEXT stops short of 64 KiB.
    last_stanza MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    unread INT NOT NULL,
    -- Updating a conversation; clusters an inbox's rows together for deleting it.
    PRIMARY KEY (owner_hash, with_jid),
    -- Pages newest first: ORDER BY last_stamp DESC, with_jid is this index's own order, so a page is
    -- one range read of max + 1 entries, without a sort. DESC needs MariaDB 10.8 (older versions
    -- ignore it and sort each page).
    INDEX ix_inbox_conversations_page (owner_hash, last_stamp DESC, with_jid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
