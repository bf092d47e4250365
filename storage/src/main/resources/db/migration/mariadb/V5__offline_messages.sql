-- Messages kept for accounts that were offline (XEP-0160), delivered in id order.
-- Owners are bare JIDs as UTF-8 bytes, compared exactly, as prepped.
-- DATETIME rather than TIMESTAMP: no 2038 limit and no session time zone conversion.

-- One row per account that has or had offline messages: adding a message locks it, so that
-- counting against the limit and inserting happen as one, across cluster nodes.
CREATE TABLE offline_owners (
    id BIGINT NOT NULL AUTO_INCREMENT,
    owner VARBINARY(2047) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_offline_owners_owner UNIQUE (owner)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE offline_messages (
    id BIGINT NOT NULL AUTO_INCREMENT,
    owner VARBINARY(2047) NOT NULL,
    stored DATETIME(6) NOT NULL,
    -- The stanza with its delay stamp. The server's stanza limit is 256 KiB by default, and TEXT
    -- stops short of 64 KiB.
    stanza MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (id),
    -- Listing and counting an owner's messages in order.
    INDEX ix_offline_messages_owner_id (owner, id),
    -- Expiring old messages.
    INDEX ix_offline_messages_stored (stored)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
