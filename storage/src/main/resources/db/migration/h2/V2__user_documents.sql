-- Small per-account documents by key: vCards, private XML storage (UserDocumentStore).
-- Owner (a bare JID, up to 1023 + 1 + 1023 bytes) and key hold UTF-8 bytes, compared exactly:
-- keys are case-sensitive (XML namespaces are) and trailing spaces count.
-- A key is at most 255 UTF-16 units, so at most 765 UTF-8 bytes.

CREATE TABLE user_documents (
    owner VARBINARY(2047) NOT NULL,
    doc_key VARBINARY(765) NOT NULL,
    document CHARACTER VARYING(1048576) NOT NULL,
    -- Also serves deleting all documents of an owner (its leading column).
    CONSTRAINT pk_user_documents PRIMARY KEY (owner, doc_key)
);
