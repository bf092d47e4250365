package im.parley.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code rosters}: one per owner that has or had roster items or pending requests, with the
 * roster's version. Locking it serializes all changes to the owner's roster. Fields are not final
 * because Hibernate fills them by reflection.
 */
@Entity(name = "Roster")
@Table(name = "rosters")
class RosterEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "owner", nullable = false, length = Utf8Converter.MAX_BARE_JID_BYTES)
    private String owner;

    @Column(name = "version", nullable = false)
    private long version;

    protected RosterEntity() {
        // for Hibernate
    }

    RosterEntity(String owner) {
        this.owner = owner;
    }

    long id() {
        return id;
    }

    long version() {
        return version;
    }

    /** Counts a change; returns the new version. */
    long bump() {
        return ++version;
    }
}
