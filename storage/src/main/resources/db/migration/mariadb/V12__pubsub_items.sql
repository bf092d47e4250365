-- Pubsub items: one row per item a node keeps. seq orders a node's items by publication (a
-- republished item is deleted and inserted again, so it takes a new seq and becomes the newest).
-- The item id is kept as UTF-8 bytes, its SHA-256 in the unique key.
-- DATETIME rather than TIMESTAMP: no 2038 limit and no session time zone conversion.

CREATE TABLE pubsub_items (
    seq BIGINT NOT NULL AUTO_INCREMENT,
    node_id BIGINT NOT NULL,
    item_hash VARBINARY(32) NOT NULL,
    item_id VARBINARY(1023) NOT NULL,
    publisher VARBINARY(3071) NOT NULL,
    published DATETIME(6) NOT NULL,
    -- Items are at most pep.max_item_size (1 MiB at most) of XML; TEXT stops short of 64 KiB.
    payload MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    PRIMARY KEY (seq),
    CONSTRAINT fk_pubsub_items_node FOREIGN KEY (node_id) REFERENCES pubsub_nodes (id) ON DELETE CASCADE,
    CONSTRAINT uk_pubsub_items_node_item UNIQUE (node_id, item_hash),
    -- The newest items of a node, and the oldest beyond max_items.
    INDEX ix_pubsub_items_node_seq (node_id, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
