package im.parley.module.extdisco;

import im.parley.api.config.Doc;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code extdisco} section. */
@Doc("XEP-0215 external service discovery: the STUN and TURN servers that clients use for audio and video "
        + "calls. TURN credentials are issued per user and expire, following the TURN REST API convention "
        + "(coturn: use-auth-secret with static-auth-secret).")
public record ExtDiscoConfig(
        @Doc("The servers, each a mapping with type (stun, turn or turns), host, port (default 3478, or 5349 "
                + "for turns), transport (udp or tcp; default udp, or tcp for turns), an optional name and, for "
                + "turn and turns, secret (the TURN server's shared secret) and credential_lifetime (default 1d).")
        List<ExternalService> services) {

    public ExtDiscoConfig {
        services = List.copyOf(services);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            ExternalService s = services.get(i);
            if (!seen.add(s.type() + " " + s.host().toLowerCase(java.util.Locale.ROOT) + " " + s.port())) {
                throw new IllegalArgumentException("services[" + i + "] repeats type " + s.type().wire() + ", host "
                        + s.host() + ", port " + s.port());
            }
        }
    }
}
