package im.parley.s2s;

import im.parley.api.Module;
import im.parley.module.adhoc.AdHocModule;
import im.parley.module.disco.DiscoModule;
import im.parley.module.muc.MucModule;
import im.parley.module.ping.PingModule;
import im.parley.module.presence.PresenceModule;
import im.parley.module.roster.RosterModule;
import im.parley.testing.ParleyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test servers that federate over loopback. DNS is the one thing outside the server a test
 * replaces: domains resolve to the s2s ports the servers bound.
 */
final class TwoServers {
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final Map<String, Boolean> directTls = new ConcurrentHashMap<>();

    /** Resolves a served domain, or one of its components' subdomains, to its server's port. */
    final HostResolver loopback = domain -> {
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            if (domain.equals(e.getKey()) || domain.endsWith("." + e.getKey())) {
                return List.of(new HostResolver.Target("127.0.0.1", e.getValue(), directTls.getOrDefault(e.getKey(), false)));
            }
        }
        return List.of();
    };

    void register(String domain, FederationModule module) {
        ports.put(domain, module.port());
    }

    /** Resolves a domain to its server's direct TLS port (XEP-0368). */
    void registerDirectTls(String domain, FederationModule module) {
        ports.put(domain, module.directTlsPort());
        directTls.put(domain, true);
    }

    /** Resolves a domain to a port on loopback (a stand-in peer). */
    void registerPort(String domain, int port) {
        ports.put(domain, port);
    }

    /** The s2s section of a test server on a random loopback port, with more keys. */
    static String s2s(String moreKeys) {
        return "s2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: -1\n" + moreKeys;
    }

    /** A server for one domain with the IM modules, group chat, ad-hoc commands and federation (its s2s section given whole). */
    static ParleyServer.Builder server(String domain, FederationModule s2s, String s2sSection, Module... more) {
        List<Module> modules = new ArrayList<>(List.of(new DiscoModule(), new PingModule(), new RosterModule(),
                new PresenceModule(), new MucModule(), new AdHocModule(), new im.parley.module.caps.CapsModule(),
                new im.parley.module.pep.PepModule(), s2s));
        modules.addAll(List.of(more));
        return ParleyServer.with(modules.toArray(Module[]::new)).domains(domain)
                .yaml(s2sSection);
    }
}
