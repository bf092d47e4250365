-- Message archives (XEP-0313), one per account and one per room, read in pages by keyset.
-- Archives are bare JIDs as UTF-8 bytes, compared exactly, as prepped.
-- DATETIME rather than TIMESTAMP: no 2038 limit and no session time zone conversion.

-- One row per archive that has or had messages: an append locks the rows of its archives until it
-- commits, so the appends to one archive commit in the order of their seq values (a reader paging
-- after the last id it saw can never miss a message committed later with a smaller seq) and the
-- check for ids already stored cannot race a concurrent append of the same ids.
CREATE TABLE archive_owners (
    id BIGINT NOT NULL AUTO_INCREMENT,
    owner VARBINARY(2047) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_archive_owners_owner UNIQUE (owner)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE archive_messages (
    -- The archive order.
    seq BIGINT NOT NULL AUTO_INCREMENT,
    archive VARBINARY(2047) NOT NULL,
    -- The id clients page with. NO PAD: utf8mb4_bin would take 'a' and 'a ' for the same key.
    stanza_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    -- A bare JID, or for a room an occupant's room JID with the nick: up to 1023 + 1 + 1023 + 1 + 1023 bytes.
    with_jid VARBINARY(3071) NOT NULL,
    -- The first 8 bytes of SHA-256 of with_jid, indexed in its place: archive and with_jid together
    -- would pass InnoDB's 3072-byte key limit. Rows are matched on both, so a collision costs a row read.
    with_hash BIGINT NOT NULL,
    stamp DATETIME(6) NOT NULL,
    -- The server's stanza limit is 256 KiB by default, and TEXT stops short of 64 KiB.
    stanza MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (seq),
    -- Ids to seq (after/before, 'ids' queries) and the check that skips ids already stored.
    CONSTRAINT uk_archive_messages_archive_stanza_id UNIQUE (archive, stanza_id),
    -- Pages of a whole archive, first and last message.
    INDEX ix_archive_messages_archive_seq (archive, seq),
    -- Pages of one conversation.
    INDEX ix_archive_messages_archive_with_seq (archive, with_hash, seq),
    -- Start and end to seq bounds (one seek each), expiring one archive.
    INDEX ix_archive_messages_archive_stamp (archive, stamp),
    -- Expiring old messages of every archive.
    INDEX ix_archive_messages_stamp (stamp)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
