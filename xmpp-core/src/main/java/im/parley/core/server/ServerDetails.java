package im.parley.core.server;

import im.parley.api.ServerInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.xmpp.packet.JID;

/** {@link ServerInfo} from config. */
public final class ServerDetails implements ServerInfo {
    private final List<String> domains;
    private final Set<String> domainSet;
    private final Set<String> admins;
    private final String version;
    private final Clock clock;
    private final Instant startedAt;

    private final java.nio.file.Path dataDir;

    public ServerDetails(List<String> domains, List<JID> admins, String version, Clock clock, java.nio.file.Path dataDir) {
        this.dataDir = dataDir;
        this.domains = List.copyOf(domains);
        this.domainSet = Set.copyOf(domains);
        this.admins = Set.copyOf(admins.stream().map(JID::toBareJID).toList());
        this.version = version;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public java.nio.file.Path dataDir() {
        return dataDir;
    }

    @Override
    public List<String> domains() {
        return domains;
    }

    @Override
    public boolean isLocalDomain(String domain) {
        return domain != null && domainSet.contains(domain);
    }

    @Override
    public List<JID> admins() {
        return admins.stream().sorted().map(JID::new).toList();
    }

    @Override
    public boolean isAdmin(JID jid) {
        return jid != null && admins.contains(jid.toBareJID());
    }

    @Override
    public String name() {
        return "Parley";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
