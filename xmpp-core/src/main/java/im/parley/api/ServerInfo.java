package im.parley.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.xmpp.packet.JID;

/** Facts about the running server. */
public interface ServerInfo {

    /** The served domains (virtual hosts), the first being the default. */
    List<String> domains();

    /** The directory for the server's files ({@code server.data_dir}); modules keep theirs in subdirectories. */
    java.nio.file.Path dataDir();

    /** Whether a domain is one of ours. */
    boolean isLocalDomain(String domain);

    /** The administrators named in config ({@code server.admins}), as bare JIDs. */
    List<JID> admins();

    /** Whether the address belongs to an administrator named in config. */
    boolean isAdmin(JID jid);

    /** The software name reported by XEP-0092, e.g. "Parley". */
    String name();

    String version();

    Instant startedAt();

    Clock clock();
}
