package im.parley.core.sasl;

import im.parley.api.Scheduler;
import im.parley.core.config.AuthConfig;
import im.parley.core.metrics.ServerMetrics;
import im.parley.core.stream.StreamXml;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.StreamError;

/** One stream's SASL negotiation (RFC 6120 §6): auth, challenges and responses, abort, retries. */
public final class SaslExchange {
    private static final Logger LOG = LoggerFactory.getLogger(SaslExchange.class);

    /** What the exchange needs from its stream. */
    public interface Host {
        String domain();

        boolean secure();

        SSLSession sslSession();

        InetAddress remoteIp();

        void send(String xml);

        /** Authentication succeeded: restart the stream, then send the success element. */
        void authenticated(String username, String successXml);

        void close(StreamError error);
    }

    /** Shared parts every exchange uses. */
    public record Services(SaslMechanisms mechanisms, AuthFailureTracker failures, Scheduler scheduler,
                           AuthConfig config, ServerMetrics metrics) {
    }

    private final Services services;
    private final Host host;
    private List<String> offered;
    private SaslServer current;
    private String mechanism;
    private int attempts;

    public SaslExchange(Services services, Host host) {
        this.services = services;
        this.host = host;
    }

    /** The mechanisms offered on this stream (fixed once computed for the features). */
    public List<String> offered() {
        if (offered == null) {
            offered = services.mechanisms().offered(host.secure(), channelBinding() != null);
        }
        return offered;
    }

    private byte[] channelBinding() {
        return host.secure() ? ChannelBinding.tlsServerEndPoint(host.sslSession()) : null;
    }

    /** Whether an element belongs to SASL negotiation. */
    public static boolean isSasl(Element element) {
        return StreamXml.SASL_NS.equals(element.getNamespaceURI());
    }

    public void handle(Element element) {
        try {
            switch (element.getName()) {
                case "auth" -> start(element);
                case "response" -> step(element);
                case "abort" -> {
                    current = null;
                    throw new SaslFailure(SaslFailure.Condition.ABORTED, null);
                }
                default -> throw new SaslFailure(SaslFailure.Condition.MALFORMED_REQUEST, "unexpected <" + element.getName() + "/>");
            }
        } catch (SaslFailure failure) {
            fail(failure);
        }
    }

    private void start(Element auth) throws SaslFailure {
        mechanism = auth.attributeValue("mechanism");
        current = null;
        SaslServer server = services.mechanisms().start(mechanism, offered(), host.domain(), channelBinding(), host.secure());
        current = server;
        respond(server.evaluate(decode(auth.getTextTrim())));
    }

    private void step(Element response) throws SaslFailure {
        if (current == null) {
            throw new SaslFailure(SaslFailure.Condition.MALFORMED_REQUEST, "no authentication in progress");
        }
        respond(current.evaluate(decode(response.getTextTrim())));
    }

    private void respond(SaslServer.Step step) {
        if (step instanceof SaslServer.Challenge challenge) {
            host.send("<challenge xmlns='" + StreamXml.SASL_NS + "'>" + encode(challenge.data()) + "</challenge>");
            return;
        }
        SaslServer.Success success = (SaslServer.Success) step;
        current = null;
        services.metrics().logins.labelValues(mechanism, "success").inc();
        String xml = success.additionalData() == null
                ? "<success xmlns='" + StreamXml.SASL_NS + "'/>"
                : "<success xmlns='" + StreamXml.SASL_NS + "'>" + encode(success.additionalData()) + "</success>";
        host.authenticated(success.username(), xml);
    }

    private void fail(SaslFailure failure) {
        current = null;
        String label = mechanism == null ? "none" : mechanism;
        services.metrics().logins.labelValues(label, failure.condition().xml()).inc();
        Duration delay = Duration.ZERO;
        if (failure.condition() != SaslFailure.Condition.ABORTED) {
            attempts++;
            LOG.info("Authentication failed from {} on {} with {}: {}{}", host.remoteIp().getHostAddress(), host.domain(),
                    label, failure.condition().xml(), failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")");
        }
        if (failure.isCredentialFailure()) {
            delay = services.failures().failed(host.remoteIp(), host.domain());
        }
        StringBuilder xml = new StringBuilder("<failure xmlns='").append(StreamXml.SASL_NS).append("'><")
                .append(failure.condition().xml()).append("/>");
        if (failure.getMessage() != null) {
            xml.append("<text xml:lang='en'>").append(StreamXml.escape(failure.getMessage())).append("</text>");
        }
        xml.append("</failure>");
        boolean tooMany = attempts >= services.config().maxAttemptsPerStream();
        Runnable answer = () -> {
            host.send(xml.toString());
            if (tooMany) {
                host.close(new StreamError(StreamError.Condition.policy_violation, "too many failed authentication attempts", "en"));
            }
        };
        if (delay.isZero()) {
            answer.run();
        } else {
            services.scheduler().schedule(delay, answer);
        }
    }

    private static byte[] decode(String text) throws SaslFailure {
        if (text.isEmpty() || text.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new SaslFailure(SaslFailure.Condition.INCORRECT_ENCODING, "invalid base64");
        }
    }

    private static String encode(byte[] data) {
        return data.length == 0 ? "=" : new String(Base64.getEncoder().encode(data), StandardCharsets.US_ASCII);
    }
}
