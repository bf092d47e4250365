package im.parley.module.push;

import im.parley.api.ModuleContext;
import java.util.concurrent.TimeoutException;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** Publishes notifications to app servers (XEP-0357 §7) and drops registrations they refuse (§9). */
final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final String PUBSUB_NS = "http://jabber.org/protocol/pubsub";
    private static final String DATA_NS = "jabber:x:data";

    private final ModuleContext ctx;
    private final PushConfig config;
    private final Registrations registrations;

    Notifier(ModuleContext ctx, PushConfig config, Registrations registrations) {
        this.ctx = ctx;
        this.config = config;
        this.registrations = registrations;
    }

    /** Messages a person reads: with a body (chat states, receipts and the like wake nobody). */
    static boolean wakes(Message message) {
        Message.Type type = message.getType();
        return message.getBody() != null && type != Message.Type.error && type != Message.Type.groupchat
                && type != Message.Type.headline;
    }

    /**
     * Notifies the account's registrations: those of one device (its resource) when only that
     * device is away, every one when the user is offline (resource null).
     */
    void notify(JID account, Message message, String resource) {
        for (Registrations.Registration r : registrations.of(account)) {
            if (resource == null || resource.equals(r.resource())) {
                publish(account, r, message);
            }
        }
    }

    private void publish(JID account, Registrations.Registration r, Message message) {
        IQ iq = new IQ(IQ.Type.set);
        iq.setFrom(account);
        iq.setTo(r.appServer());
        Element pubsub = iq.setChildElement("pubsub", PUBSUB_NS);
        // Children name their namespace: dom4j would otherwise write xmlns="" on them.
        Element form = pubsub.addElement("publish", PUBSUB_NS).addAttribute("node", r.node())
                .addElement("item", PUBSUB_NS).addElement("notification", PushModule.NS).addElement("x", DATA_NS)
                .addAttribute("type", "form");
        field(form, "FORM_TYPE", "urn:xmpp:push:summary");
        field(form, "message-count", "1");
        if (config.includeSender() && message.getFrom() != null) {
            field(form, "last-message-sender", message.getFrom().toString());
        }
        if (config.includeBody()) {
            field(form, "last-message-body", message.getBody());
        }
        if (r.options() != null) {
            pubsub.addElement("publish-options", PUBSUB_NS).add(im.parley.api.xml.XmlText.parse(r.options()));
        }
        ctx.router().request(iq, config.timeout()).whenComplete((answer, failure) -> {
            if (failure != null) {
                LOG.debug("App server {} did not answer a push notification", r.appServer(),
                        failure instanceof TimeoutException ? null : failure);
            } else if (answer.getType() == IQ.Type.error) {
                // §9: an app server that refuses no longer gets notifications for that device.
                LOG.info("App server {} refused a notification for {}; push for that device is off", r.appServer(), account);
                registrations.disable(account, r.appServer(), r.node());
            }
        });
    }

    private static void field(Element form, String var, String value) {
        form.addElement("field", DATA_NS).addAttribute("var", var).addElement("value", DATA_NS).setText(value);
    }
}
