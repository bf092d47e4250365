-- Pubsub nodes (XEP-0060, XEP-0163): one row per node of a service, which is an account's bare JID
-- (its PEP service) or the pubsub component's domain. Service and node name are kept as UTF-8 bytes,
-- compared exactly; the unique key holds their SHA-256, as a 2047-byte service and a 1023-byte node
-- name pass InnoDB's 3072-byte key limit. Configuration, affiliations and subscriptions are text the
-- module reads and writes whole (MEDIUMTEXT: a node's member list can pass TEXT's 64 KiB).

CREATE TABLE pubsub_nodes (
    id BIGINT NOT NULL AUTO_INCREMENT,
    service_hash VARBINARY(32) NOT NULL,
    service VARBINARY(2047) NOT NULL,
    node_hash VARBINARY(32) NOT NULL,
    node VARBINARY(1023) NOT NULL,
    pep BOOLEAN NOT NULL,
    config MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    affiliations MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    subscriptions MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (id),
    -- Finding a node; its prefix lists a service's nodes.
    CONSTRAINT uk_pubsub_nodes_service_node UNIQUE (service_hash, node_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
