package im.parley.storage;

import im.parley.module.roster.PendingSubscription;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.xmpp.packet.JID;

/**
 * A row of {@code roster_pending}: a subscription request the owner has not answered yet, with its
 * stanza. Fields are not final because Hibernate fills them by reflection.
 */
@Entity(name = "RosterPending")
@Table(name = "roster_pending")
class PendingSubscriptionEntity {
    /**
     * Longest stanza in characters. The server's default stanza limit is 256 KiB; the column holds
     * more, so that neither a raised limit nor XML re-serialization makes a request unstorable.
     */
    static final int MAX_STANZA_CHARS = 1_048_576;

    // The id orders the requests by arrival; a replaced request keeps its place, as in memory.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "roster_id", nullable = false)
    private long rosterId;

    @Convert(converter = Utf8Converter.class)
    @Column(name = "contact", nullable = false, length = Utf8Converter.MAX_BARE_JID_BYTES)
    private String contact;

    @Column(name = "stanza", nullable = false, length = MAX_STANZA_CHARS)
    private String stanza;

    protected PendingSubscriptionEntity() {
        // for Hibernate
    }

    PendingSubscriptionEntity(long rosterId, String contact, String stanza) {
        this.rosterId = rosterId;
        this.contact = contact;
        this.stanza = stanza;
    }

    void replaceStanza(String replacement) {
        this.stanza = replacement;
    }

    PendingSubscription toPending() {
        return new PendingSubscription(new JID(contact, true), stanza);
    }
}
