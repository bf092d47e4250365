package im.parley.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code offline_owners}: one per account that has or had offline messages, locked while a
 * message is added so that the count and the insert happen as one. Fields are not final because
 * Hibernate fills them by reflection.
 */
@Entity(name = "OfflineOwner")
@Table(name = "offline_owners")
class OfflineOwnerEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "owner", nullable = false, length = Utf8Converter.MAX_BARE_JID_BYTES)
    private String owner;

    protected OfflineOwnerEntity() {
        // for Hibernate
    }

    OfflineOwnerEntity(String owner) {
        this.owner = owner;
    }
}
