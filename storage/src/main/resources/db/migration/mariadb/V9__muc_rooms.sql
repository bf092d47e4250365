-- Group chat (XEP-0045): persistent rooms and their affiliations (RoomStore). Temporary rooms are
-- never stored. JIDs and nicks are UTF-8 bytes, compared exactly as prepped. The configuration is
-- the module's key=value text, so a new room option needs no migration.

CREATE TABLE muc_rooms (
    id BIGINT NOT NULL AUTO_INCREMENT,
    room_jid VARBINARY(2047) NOT NULL,
    service VARBINARY(1023) NOT NULL,
    config MEDIUMTEXT NOT NULL,
    subject MEDIUMTEXT,
    subject_by VARBINARY(1023),
    PRIMARY KEY (id),
    CONSTRAINT uk_muc_rooms_room UNIQUE (room_jid),
    INDEX ix_muc_rooms_service (service)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per user with an affiliation other than none. The unique key holds the user's SHA-256
-- beside the room (2047 + 32 bytes): a second 2047-byte JID would not fit InnoDB's 3072-byte limit.
CREATE TABLE muc_affiliations (
    id BIGINT NOT NULL AUTO_INCREMENT,
    room_jid VARBINARY(2047) NOT NULL,
    user_jid VARBINARY(2047) NOT NULL,
    user_jid_hash VARBINARY(32) NOT NULL,
    affiliation VARCHAR(8) NOT NULL,
    nick VARBINARY(1023),
    reason MEDIUMTEXT,
    PRIMARY KEY (id),
    CONSTRAINT uk_muc_affiliations_room_user UNIQUE (room_jid, user_jid_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
