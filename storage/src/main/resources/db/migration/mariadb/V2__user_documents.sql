-- Small per-account documents by key: vCards, private XML storage (UserDocumentStore).
-- Owner (a bare JID, up to 1023 + 1 + 1023 bytes) and key hold UTF-8 bytes, compared exactly:
-- keys are case-sensitive (XML namespaces are) and, unlike the PAD SPACE _bin collations,
-- VARBINARY counts trailing spaces. A key is at most 255 UTF-16 units, so at most 765 UTF-8
-- bytes; with the owner that is 2812 bytes, within InnoDB's 3072-byte index limit.
-- MEDIUMTEXT (16 MiB) holds the 1 MiB documents the store allows, in any UTF-8.

CREATE TABLE user_documents (
    owner VARBINARY(2047) NOT NULL,
    doc_key VARBINARY(765) NOT NULL,
    document MEDIUMTEXT NOT NULL,
    -- Also serves deleting all documents of an owner (its leading column).
    PRIMARY KEY (owner, doc_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
