package im.parley.module.extdisco;

import im.parley.api.Origin;
import im.parley.api.StanzaException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** Answers XEP-0215 requests for the configured services and for credentials at one of them. */
final class ExternalServices {
    private final List<ExternalService> services;
    private final Clock clock;

    ExternalServices(List<ExternalService> services, Clock clock) {
        this.services = List.copyOf(services);
        this.clock = clock;
    }

    /** XEP-0215 §3.1 and §3.2: every service, or those of the requested type (none for a type we do not know). */
    IQ services(IQ request, Origin origin) throws StanzaException {
        requireLocalUser(origin);
        String type = request.getChildElement().attributeValue("type");
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("services", ExtDiscoModule.NS);
        if (type != null) {
            list.addAttribute("type", type);
        }
        for (ExternalService service : services) {
            if (type == null || service.type().wire().equals(type)) {
                describe(list.addElement("service"), service, origin);
            }
        }
        return result;
    }

    /**
     * XEP-0215 §3.3: credentials for the services matching the requested host and type (and port
     * when given); item-not-found when none match.
     */
    IQ credentials(IQ request, Origin origin) throws StanzaException {
        requireLocalUser(origin);
        Element wanted = request.getChildElement().element("service");
        String host = wanted == null ? null : wanted.attributeValue("host");
        String type = wanted == null ? null : wanted.attributeValue("type");
        if (host == null || type == null) {
            // §3.3: the <service/> MUST include 'host' and 'type'.
            throw new StanzaException(PacketError.Condition.bad_request, "name the service with 'host' and 'type'");
        }
        Integer port = port(wanted.attributeValue("port"));
        List<ExternalService> matches = services.stream()
                .filter(s -> s.host().equalsIgnoreCase(host) && s.type().wire().equals(type))
                .filter(s -> port == null || s.port().equals(port)).toList();
        if (matches.isEmpty()) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no " + type + " service at " + host);
        }
        IQ result = IQ.createResultIQ(request);
        Element credentials = result.setChildElement("credentials", ExtDiscoModule.NS);
        for (ExternalService service : matches) {
            describe(credentials.addElement("service"), service, origin);
        }
        return result;
    }

    /** A service's attributes; for TURN also fresh credentials for the requester, marked restricted. */
    private void describe(Element e, ExternalService service, Origin origin) {
        e.addAttribute("type", service.type().wire());
        e.addAttribute("host", service.host());
        e.addAttribute("port", Integer.toString(service.port()));
        e.addAttribute("transport", service.transport().wire());
        if (service.name() != null) {
            e.addAttribute("name", service.name());
        }
        if (service.type().relay()) {
            TurnCredentials c = TurnCredentials.issue(service.secret(), origin.jid(),
                    clock.instant().plus(service.credentialLifetime()));
            e.addAttribute("username", c.username());
            e.addAttribute("password", c.password());
            // XEP-0215 §2: 'expires' MUST be a XEP-0082 dateTime in UTC.
            e.addAttribute("expires", DateTimeFormatter.ISO_INSTANT.format(c.expires()));
            e.addAttribute("restricted", "1");
        }
    }

    /**
     * Only this server's logged-in users get the list: TURN credentials let anyone relay traffic
     * through the operator's bandwidth. XEP-0215 §2 names forbidden for requesters without permission.
     */
    private static void requireLocalUser(Origin origin) throws StanzaException {
        if (origin.kind() != Origin.Kind.CLIENT || origin.jid() == null) {
            throw new StanzaException(PacketError.Condition.forbidden, "external services are for this server's users");
        }
    }

    private static Integer port(String text) throws StanzaException {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new StanzaException(PacketError.Condition.bad_request, "'port' must be a number, got '" + text + "'");
        }
    }
}
