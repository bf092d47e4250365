package im.parley.core.config;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Min;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.xmpp.packet.JID;

/** The {@code server} section. */
@Doc("Who the server is and who administers it.")
public record ServerConfig(
        @Doc("Domains served (virtual hosts). Users log in as user@domain for any of them.")
        @Default("[localhost]") List<String> domains,
        @Doc("Administrators: bare JIDs that may run the admin commands (XEP-0133).")
        @Default("[]") List<JID> admins,
        @Doc("Directory for the embedded database, generated certificates and other server files.")
        @Default("data") Path dataDir,
        @Doc("Threads that run stanza handlers. Handlers may wait on storage, so this is more than the core count.")
        @Default("32") @Min("2") int workerThreads) {

    public ServerConfig {
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("'domains' must name at least one domain");
        }
        domains = domains.stream().map(ServerConfig::checkDomain).toList();
        for (JID admin : admins) {
            if (admin.getNode() == null || admin.getResource() != null) {
                throw new IllegalArgumentException("'admins' takes bare JIDs such as admin@example.org, got '" + admin + "'");
            }
        }
    }

    private static String checkDomain(String domain) {
        try {
            String prepped = JID.domainprep(domain.trim().toLowerCase(Locale.ROOT));
            if (prepped.isEmpty() || prepped.contains("@") || prepped.contains("/")) {
                throw new IllegalArgumentException();
            }
            return prepped;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'domains' has an invalid domain name '" + domain + "'");
        }
    }
}
