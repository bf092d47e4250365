package im.parley.module.pubsub;

import im.parley.api.StanzaException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.PacketError;

/** The XEP-0060 namespaces and the errors with a pubsub condition that the handlers throw. */
public final class PubSub {
    public static final String NS = "http://jabber.org/protocol/pubsub";
    public static final String OWNER = NS + "#owner";
    public static final String EVENT = NS + "#event";
    public static final String ERRORS = NS + "#errors";
    public static final String NODE_CONFIG = NS + "#node_config";
    public static final String PUBLISH_OPTIONS = NS + "#publish-options";

    private PubSub() {
    }

    /** A stanza error with the XEP-0060 application condition {@code <name/>} in pubsub#errors beside it. */
    public static StanzaException error(PacketError.Condition condition, String pubsubCondition, String text) {
        return new WithCondition(condition, pubsubCondition, null, text);
    }

    /** XEP-0060 §6.1.3.12, §7.1.3.x: {@code <unsupported feature='...'/>} for what this service does not do. */
    public static StanzaException unsupported(String feature) {
        return new WithCondition(PacketError.Condition.feature_not_implemented, "unsupported", feature,
                "this service does not support pubsub#" + feature);
    }

    /** The error a StanzaException makes, plus one pubsub#errors child. */
    private static final class WithCondition extends StanzaException {
        private static final long serialVersionUID = 1L;
        private final String pubsubCondition;
        private final String feature;

        WithCondition(PacketError.Condition condition, String pubsubCondition, String feature, String text) {
            super(condition, text);
            this.pubsubCondition = pubsubCondition;
            this.feature = feature;
        }

        @Override
        public PacketError toPacketError() {
            PacketError error = super.toPacketError();
            Element child = DocumentHelper.createElement(QName.get(pubsubCondition, ERRORS));
            if (feature != null) {
                child.addAttribute("feature", feature);
            }
            error.getElement().add(child);
            return error;
        }
    }
}
