-- Rosters (RFC 6121 §2) and subscription requests not answered yet (RFC 6121 §3.1.3).
-- Owners and contacts are bare JIDs as UTF-8 bytes (at most 1023 + 1 + 1023): compared exactly, as
-- prepped; a 2047-byte contact and the 8-byte roster id fit one InnoDB index (3072 bytes).
-- One rosters row per owner carries the roster version (XEP-0237); changes lock it.

CREATE TABLE rosters (
    id BIGINT NOT NULL AUTO_INCREMENT,
    owner VARBINARY(2047) NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_rosters_owner UNIQUE (owner)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE roster_items (
    -- Increasing, so ordering by id lists contacts in the order they were added.
    id BIGINT NOT NULL AUTO_INCREMENT,
    roster_id BIGINT NOT NULL,
    contact VARBINARY(2047) NOT NULL,
    name VARCHAR(1023) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    subscription VARCHAR(4) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    ask BOOLEAN NOT NULL,
    approved BOOLEAN NOT NULL,
    PRIMARY KEY (id),
    -- Also the index for listing an owner's items.
    CONSTRAINT uk_roster_items_roster_contact UNIQUE (roster_id, contact),
    CONSTRAINT fk_roster_items_roster FOREIGN KEY (roster_id) REFERENCES rosters (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Group names as UTF-8 bytes: a set, compared exactly (utf8mb4_bin pads spaces, so it would
-- take "Friends" and "Friends " for one key).
CREATE TABLE roster_item_groups (
    item_id BIGINT NOT NULL,
    group_name VARBINARY(1023) NOT NULL,
    PRIMARY KEY (item_id, group_name),
    CONSTRAINT fk_roster_item_groups_item FOREIGN KEY (item_id) REFERENCES roster_items (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE roster_pending (
    -- Increasing, so ordering by id lists requests in the order they arrived.
    id BIGINT NOT NULL AUTO_INCREMENT,
    roster_id BIGINT NOT NULL,
    contact VARBINARY(2047) NOT NULL,
    -- The whole presence stanza. TEXT stops just short of 64 KiB; the server's stanza limit is
    -- 256 KiB by default.
    stanza MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_roster_pending_roster_contact UNIQUE (roster_id, contact),
    CONSTRAINT fk_roster_pending_roster FOREIGN KEY (roster_id) REFERENCES rosters (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
