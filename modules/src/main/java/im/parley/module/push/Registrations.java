package im.parley.module.push;

import im.parley.api.storage.UserDocumentStore;
import im.parley.api.xml.XmlText;
import java.util.ArrayList;
import java.util.List;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.packet.JID;

/**
 * An account's push registrations (XEP-0357 §5), kept as one document per account so they
 * survive restarts: the app server, its node for the device, the resource that enabled it, and
 * the publish options the client gave.
 */
final class Registrations {
    static final String KEY = "push-registrations";

    /** One device's registration; {@code options} is the submitted form as XML, or null. */
    record Registration(JID appServer, String node, String resource, String options) {
    }

    private final UserDocumentStore store;

    Registrations(UserDocumentStore store) {
        this.store = store;
    }

    List<Registration> of(JID account) {
        return store.get(account.asBareJID(), KEY).map(Registrations::parse).orElse(List.of());
    }

    /** Adds or replaces the registration for its app server and node; returns false when over the limit. */
    synchronized boolean enable(JID account, Registration registration, int max) {
        List<Registration> all = new ArrayList<>(of(account));
        all.removeIf(r -> r.appServer().equals(registration.appServer()) && r.node().equals(registration.node()));
        if (all.size() >= max) {
            return false;
        }
        all.add(registration);
        save(account, all);
        return true;
    }

    /** Removes the app server's registrations, or only the one for a node when it is given. */
    synchronized void disable(JID account, JID appServer, String node) {
        List<Registration> all = new ArrayList<>(of(account));
        if (all.removeIf(r -> r.appServer().equals(appServer) && (node == null || r.node().equals(node)))) {
            save(account, all);
        }
    }

    private void save(JID account, List<Registration> all) {
        if (all.isEmpty()) {
            store.delete(account.asBareJID(), KEY);
            return;
        }
        Element root = DocumentHelper.createElement("registrations");
        for (Registration r : all) {
            Element e = root.addElement("registration")
                    .addAttribute("jid", r.appServer().toString())
                    .addAttribute("node", r.node())
                    .addAttribute("resource", r.resource());
            if (r.options() != null) {
                e.add(XmlText.parse(r.options()));
            }
        }
        store.put(account.asBareJID(), KEY, root.asXML());
    }

    private static List<Registration> parse(String xml) {
        List<Registration> all = new ArrayList<>();
        for (Element e : XmlText.parse(xml).elements("registration")) {
            Element options = e.elements().isEmpty() ? null : e.elements().get(0);
            all.add(new Registration(new JID(e.attributeValue("jid")), e.attributeValue("node"),
                    e.attributeValue("resource"), options == null ? null : options.asXML()));
        }
        return List.copyOf(all);
    }
}
