package im.parley.s2s;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Resolves a domain with the static host map first, then DNS SRV records for direct TLS
 * ({@code _xmpps-server._tcp}, XEP-0368) and STARTTLS ({@code _xmpp-server._tcp}), then the
 * domain's own address on 5269 (RFC 6120 §3.2.1, §3.2.2).
 */
final class DnsHostResolver implements HostResolver {
    static final int DEFAULT_PORT = 5269;

    /** What DNS answered for one SRV name; a seam for tests, which may not reach real DNS. */
    interface SrvLookup {
        /** The records as "priority weight port target", or empty when there are none. */
        List<String> srv(String name);
    }

    private final Map<String, String> hosts;
    private final SrvLookup dns;

    DnsHostResolver(Map<String, String> hosts, SrvLookup dns) {
        Map<String, String> lower = new java.util.HashMap<>();
        hosts.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        this.hosts = Map.copyOf(lower);
        this.dns = dns;
    }

    /** With the JDK's DNS client over the system's resolvers. */
    static DnsHostResolver withSystemDns(Map<String, String> hosts) {
        return new DnsHostResolver(hosts, DnsHostResolver::lookup);
    }

    @Override
    public List<Target> resolve(String domain) {
        Optional<Target> fixed = fixed(domain);
        if (fixed.isPresent()) {
            return List.of(fixed.get());
        }
        List<Srv> records = new ArrayList<>();
        dns.srv("_xmpps-server._tcp." + domain).forEach(r -> parse(r, true).ifPresent(records::add));
        dns.srv("_xmpp-server._tcp." + domain).forEach(r -> parse(r, false).ifPresent(records::add));
        if (records.isEmpty()) {
            return List.of(new Target(domain, DEFAULT_PORT, false));
        }
        // A single record with the target "." says the domain offers no service (RFC 2782).
        if (records.stream().allMatch(r -> r.target().equals("."))) {
            return List.of();
        }
        // Lower priority first; at equal priority direct TLS first (XEP-0368 §3), then heavier weight.
        records.sort(Comparator.comparingInt(Srv::priority).thenComparing(r -> !r.directTls())
                .thenComparing(Comparator.comparingInt(Srv::weight).reversed()));
        return records.stream().filter(r -> !r.target().equals("."))
                .map(r -> new Target(r.target(), r.port(), r.directTls())).toList();
    }

    private Optional<Target> fixed(String domain) {
        String entry = hosts.get(domain.toLowerCase(Locale.ROOT));
        if (entry == null) {
            return Optional.empty();
        }
        boolean tls = entry.startsWith("tls://");
        String hostPort = tls ? entry.substring(6) : entry;
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.endsWith("]")) {
            return Optional.of(new Target(hostPort, DEFAULT_PORT, tls));
        }
        return Optional.of(new Target(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), tls));
    }

    /** Checks the host map's entries, naming the bad one. */
    static void check(Map<String, String> hosts) {
        hosts.forEach((domain, entry) -> {
            String hostPort = entry.startsWith("tls://") ? entry.substring(6) : entry;
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0 && !hostPort.endsWith("]")) {
                try {
                    int port = Integer.parseInt(hostPort.substring(colon + 1));
                    if (port < 1 || port > 65535) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new im.parley.api.config.ConfigException("s2s.hosts." + domain, "expected host:port, got '" + entry + "'");
                }
            }
        });
    }

    private record Srv(int priority, int weight, int port, String target, boolean directTls) {
    }

    private static Optional<Srv> parse(String record, boolean directTls) {
        String[] parts = record.trim().split("\\s+");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            String target = parts[3].endsWith(".") && parts[3].length() > 1 ? parts[3].substring(0, parts[3].length() - 1) : parts[3];
            return Optional.of(new Srv(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    target, directTls));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> lookup(String name) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", "dns:");
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        try {
            DirContext context = new InitialDirContext(env);
            try {
                Attributes attributes = context.getAttributes(name, new String[] {"SRV"});
                Attribute srv = attributes.get("SRV");
                if (srv == null) {
                    return List.of();
                }
                List<String> records = new ArrayList<>();
                NamingEnumeration<?> values = srv.getAll();
                while (values.hasMore()) {
                    records.add(String.valueOf(values.next()));
                }
                return records;
            } finally {
                context.close();
            }
        } catch (NamingException e) {
            return List.of();
        }
    }
}
