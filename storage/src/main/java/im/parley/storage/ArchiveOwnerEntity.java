package im.parley.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code archive_owners}: one per message archive that has or had messages, locked while
 * messages are appended to it so that the appends to one archive commit in archive order. Fields are
 * not final because Hibernate fills them by reflection.
 */
@Entity(name = "ArchiveOwner")
@Table(name = "archive_owners")
class ArchiveOwnerEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "owner", nullable = false, length = Utf8Converter.MAX_BARE_JID_BYTES)
    private String owner;

    protected ArchiveOwnerEntity() {
        // for Hibernate
    }

    ArchiveOwnerEntity(String owner) {
        this.owner = owner;
    }
}
