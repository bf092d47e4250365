-- InnoDB stores rows in primary key order. Clustered by seq, the 50 messages of a page lay scattered
-- over the whole table, one page read each when they are not cached; clustered by (archive, seq), an
-- archive's rows lie together, so a page of one archive or one of its conversations reads a few
-- adjacent pages. seq stays unique (the archive order, and AUTO_INCREMENT needs it first in a key).
-- H2 keeps its own layout: it has no clustered tables of this kind.
ALTER TABLE archive_messages
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (archive, seq),
    ADD CONSTRAINT uk_archive_messages_seq UNIQUE (seq),
    -- The primary key now serves pages of a whole archive.
    DROP INDEX ix_archive_messages_archive_seq;
