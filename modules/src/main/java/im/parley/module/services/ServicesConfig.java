package im.parley.module.services;

import im.parley.api.config.Doc;
import java.util.List;
import org.xmpp.packet.JID;

/** The {@code services} section. */
@Doc("Services announced in disco#items of every served domain (XEP-0030 §4), such as a group chat service "
        + "run as a component, so that clients find them.")
public record ServicesConfig(
        @Doc("The services to list, each a mapping with 'jid' and an optional 'name'. In 'jid', {domain} "
                + "stands for the domain asked about, e.g. conference.{domain}.")
        List<Entry> items,
        @Doc("XEP-0157 contact addresses published in the server's disco#info: abuse, admin, feedback, sales, "
                + "security, status and support, each a list of URIs such as mailto:abuse@example.org.")
        ContactsConfig contacts) {

    public ServicesConfig {
        items = List.copyOf(items);
    }

    /** One announced service. */
    public record Entry(
            @Doc("The service's address; {domain} is replaced by the served domain asked about.") String jid,
            @Doc("A name clients may show.") String name) {

        /** What {@code {domain}} in a jid stands for. */
        public static final String DOMAIN = "{domain}";

        public Entry {
            if (jid == null || jid.isBlank()) {
                throw new IllegalArgumentException("'jid' is required, e.g. conference.{domain}");
            }
            jid = jid.trim();
            try {
                new JID(jid.replace(DOMAIN, "example.org"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'jid' is not a valid address: '" + jid + "'");
            }
            name = name == null || name.isBlank() ? null : name.trim();
        }

        /** The service's address when the given served domain is asked. */
        public JID address(String domain) {
            return new JID(jid.replace(DOMAIN, domain));
        }
    }
}
