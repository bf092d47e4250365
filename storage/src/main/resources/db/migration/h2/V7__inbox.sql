-- Inboxes (XEP-0430): one row per conversation of an account, with its last message and how many
-- messages from the other party the account has not read.
-- Owners and partners are bare JIDs (or room JIDs) as UTF-8 bytes: compared exactly, as prepped, and
-- ordered by code point. The keys hold the owner's SHA-256 in its place, as in MariaDB, where two
-- 2047-byte JIDs do not fit one key.

CREATE TABLE inbox_conversations (
    owner_hash VARBINARY(32) NOT NULL,
    owner VARBINARY(2047) NOT NULL,
    with_jid VARBINARY(2047) NOT NULL,
    -- The archive id of the last message.
    last_id CHARACTER VARYING(64) NOT NULL,
    last_stamp TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- The server's stanza limit is 256 KiB by default.
    last_stanza CHARACTER VARYING(1048576) NOT NULL,
    unread INT NOT NULL,
    CONSTRAINT pk_inbox_conversations PRIMARY KEY (owner_hash, with_jid)
);

-- Pages newest first: the index's own order, so a page is one range read of max + 1 entries.
CREATE INDEX ix_inbox_conversations_page ON inbox_conversations (owner_hash, last_stamp DESC, with_jid);
