package im.parley.core.stream;

import im.parley.api.ServerInfo;
import im.parley.core.xml.StreamEvent;
import java.util.Locale;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

/** Checks a client's stream header against RFC 6120 §4.7 and picks the domain it addresses. */
public final class StreamHeaderCheck {
    private StreamHeaderCheck() {
    }

    /** @return the served domain the stream is for */
    public static String check(StreamEvent.Open open, ServerInfo server) throws StreamErrorException {
        if (!"stream".equals(open.name()) || !StreamXml.STREAMS_NS.equals(open.namespace())) {
            throw new StreamErrorException(StreamError.Condition.invalid_namespace,
                    "the root element must be <stream> in " + StreamXml.STREAMS_NS);
        }
        if (!StreamXml.CLIENT_NS.equals(open.defaultNamespace())) {
            throw new StreamErrorException(StreamError.Condition.invalid_namespace,
                    "the content namespace must be " + StreamXml.CLIENT_NS);
        }
        checkVersion(open.attribute("version"));
        String to = open.attribute("to");
        if (to == null || to.isBlank()) {
            // RFC 6120 §4.7.2: 'to' SHOULD be present; without it the default domain serves.
            return server.domains().get(0);
        }
        String domain;
        try {
            domain = JID.domainprep(to.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StreamErrorException(StreamError.Condition.host_unknown, "'" + to + "' is not a valid domain");
        }
        if (!server.isLocalDomain(domain)) {
            throw new StreamErrorException(StreamError.Condition.host_unknown, "this server does not serve " + domain);
        }
        return domain;
    }

    /** RFC 6120 §4.7.5: we speak 1.0; a missing version means a pre-1.0 client we cannot serve. */
    private static void checkVersion(String version) throws StreamErrorException {
        if (version == null) {
            throw new StreamErrorException(StreamError.Condition.unsupported_version, "XMPP 1.0 is required");
        }
        String[] parts = version.trim().split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            if (parts.length != 2 || major != 1 || Integer.parseInt(parts[1]) < 0) {
                throw new StreamErrorException(StreamError.Condition.unsupported_version, "XMPP 1.0 is required, got " + version);
            }
        } catch (NumberFormatException e) {
            throw new StreamErrorException(StreamError.Condition.unsupported_version, "XMPP 1.0 is required, got " + version);
        }
    }
}
