package im.parley.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code muc_rooms}: one persistent group chat room. Never leaves this package.
 * Fields are not final because Hibernate fills them by reflection.
 */
@Entity(name = "MucRoom")
@Table(name = "muc_rooms")
class MucRoomEntity {
    static final int MAX_TEXT_CHARS = 1024 * 1024;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "room_jid", nullable = false, length = Utf8Converter.MAX_BARE_JID_BYTES)
    private String room;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "service", nullable = false, length = AccountEntity.MAX_PART_BYTES)
    private String service;

    @Column(name = "config", nullable = false, length = MAX_TEXT_CHARS)
    private String config;

    @Column(name = "subject", length = MAX_TEXT_CHARS)
    private String subject;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "subject_by", length = AccountEntity.MAX_PART_BYTES)
    private String subjectBy;

    protected MucRoomEntity() {
        // for Hibernate
    }

    MucRoomEntity(String room, String service) {
        this.room = room;
        this.service = service;
    }

    void update(String config, String subject, String subjectBy) {
        this.config = config;
        this.subject = subject;
        this.subjectBy = subjectBy;
    }

    String room() {
        return room;
    }

    String config() {
        return config;
    }

    String subject() {
        return subject;
    }

    String subjectBy() {
        return subjectBy;
    }
}
