package im.parley.module.caps;

import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.cluster.SharedMap;
import im.parley.api.routing.Route;
import im.parley.api.session.LocalSession;
import im.parley.api.session.SessionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Learns what clients support from the caps in their presence (XEP-0115 §6.3): a hash seen before
 * is looked up in a cluster-wide map; a new one is asked of the client with disco#info and, once
 * the answer checks against the hash (§5.4), kept for everyone who announces it. An answer that
 * does not check, or a hash other than sha-1, counts for that one resource only.
 */
final class ClientCaps implements ClientCapabilities {
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final SessionKey<String> ANNOUNCED = SessionKey.of("caps.announced");
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

    private final ModuleContext ctx;
    private final SharedMap known;
    /** Other servers' users whose presence reached a local account, by bare JID: "resource\tkey" lines. */
    private final SharedMap remote;
    /** Verified hashes never change meaning, so each node keeps the parsed sets it has read. */
    private final Map<String, Set<String>> parsed = new ConcurrentHashMap<>();

    ClientCaps(ModuleContext ctx) {
        this.ctx = ctx;
        this.known = ctx.cluster().map("caps.features");
        this.remote = ctx.cluster().map("caps.remote");
    }

    /** The key of a caps element: hash and ver when it can be checked, else the resource itself. */
    private static String key(Element c, JID full) {
        String hash = c.attributeValue("hash");
        return "sha-1".equals(hash) && c.attributeValue("ver") != null ? "sha-1:" + c.attributeValue("ver") : "jid:" + full;
    }

    @Override
    public Optional<Set<String>> features(JID full) {
        Optional<Route> route = ctx.routes().route(full);
        if (route.isEmpty() && !ctx.server().isLocalDomain(full.getDomain())) {
            return remoteKey(full).flatMap(this::lookup);
        }
        Presence presence = route.map(Route::presence).orElse(null);
        Element c = presence == null ? null : presence.getChildElement("c", CapsModule.NS);
        if (c == null) {
            return Optional.empty();
        }
        // A hash whose answer did not check was kept under the resource that gave it.
        String key = key(c, full);
        return lookup(key).or(() -> key.startsWith("jid:") ? Optional.empty() : lookup("jid:" + full));
    }

    private Optional<Set<String>> lookup(String key) {
        Set<String> cached = parsed.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Set<String>> found = known.get(key).map(text -> Set.of(text.split("\n")));
        if (found.isPresent() && key.startsWith("sha-1:")) {
            parsed.put(key, found.get());
        }
        return found;
    }

    /** Watches a client's broadcast presence; never consumes it. */
    boolean presence(Packet stanza, Origin origin) {
        Presence p = (Presence) stanza;
        LocalSession session = origin.session().orElse(null);
        if (p.getTo() != null || session == null || session.address() == null) {
            return false;
        }
        if (p.getType() == Presence.Type.unavailable) {
            session.set(ANNOUNCED, null);
            return false;
        }
        Element c = p.getChildElement("c", CapsModule.NS);
        if (p.getType() != null || c == null || c.attributeValue("node") == null || c.attributeValue("ver") == null) {
            return false;
        }
        JID full = session.address();
        String key = key(c, full);
        String announced = key + " " + c.attributeValue("node");
        if (announced.equals(session.get(ANNOUNCED))) {
            return false; // the same capabilities again: nothing new to act on
        }
        session.set(ANNOUNCED, announced);
        Optional<Set<String>> features = key.startsWith("jid:") ? Optional.empty() : lookup(key);
        if (features.isPresent()) {
            ctx.publish(new ClientCapabilities.Changed(full, features.get()));
        } else {
            ask(full, c, key);
        }
        return false;
    }

    @Override
    public List<JID> remoteResources(JID bare) {
        return remote.get(bare.toBareJID()).map(text -> text.lines().map(l -> new JID(bare.toBareJID() + "/" + l.split("\t")[0]))
                .toList()).orElse(List.of());
    }

    private Optional<String> remoteKey(JID full) {
        String prefix = full.getResource() + "\t";
        return remote.get(full.toBareJID()).flatMap(text -> text.lines().filter(l -> l.startsWith(prefix)).findFirst())
                .map(l -> l.substring(prefix.length()));
    }

    /**
     * Watches presence from other servers' users to local accounts, so that PEP can notify remote
     * contacts that ask for it (XEP-0163 §4.2); never consumes it. Each contact gets the same
     * presence, so an update already known changes nothing.
     */
    boolean remotePresence(Packet stanza, Origin origin) {
        Presence p = (Presence) stanza;
        JID full = p.getFrom();
        if (origin.kind() != Origin.Kind.REMOTE || full == null || full.getResource() == null || full.getNode() == null) {
            return false;
        }
        Element c = p.getChildElement("c", CapsModule.NS);
        if (p.getType() == Presence.Type.unavailable || (p.getType() == null && c == null)) {
            updateRemote(full, null);
        } else if (p.getType() == null && c.attributeValue("node") != null && c.attributeValue("ver") != null) {
            String key = key(c, full);
            if (!key.equals(remoteKey(full).orElse(null))) {
                updateRemote(full, key);
                if (key.startsWith("jid:") || lookup(key).isEmpty()) {
                    ask(full, c, key, p.getTo().getDomain());
                }
            }
        }
        return false;
    }

    /** Sets or (with null) removes a remote resource's caps key, atomically per bare JID. */
    private void updateRemote(JID full, String key) {
        String bare = full.toBareJID();
        String prefix = full.getResource() + "\t";
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<String> before = remote.get(bare);
            List<String> lines = new ArrayList<>(before.map(t -> t.lines().filter(l -> !l.startsWith(prefix)).toList()).orElse(List.of()));
            if (key != null) {
                lines.add(prefix + key);
            }
            String after = String.join("\n", lines);
            if (before.isEmpty()) {
                if (lines.isEmpty() || remote.putIfAbsent(bare, after).isEmpty()) {
                    return;
                }
            } else if (lines.isEmpty() ? remote.remove(bare, before.get()) : remote.replace(bare, before.get(), after)) {
                return;
            }
        }
    }

    private void ask(JID full, Element c, String key) {
        ask(full, c, key, full.getDomain());
    }

    /** XEP-0115 §6.2: disco#info of node#ver at the resource, asked from one of our domains. */
    private void ask(JID full, Element c, String key, String from) {
        IQ request = new IQ(IQ.Type.get);
        request.setTo(full);
        request.setFrom(from);
        request.setChildElement("query", DISCO_INFO).addAttribute("node", c.attributeValue("node") + "#" + c.attributeValue("ver"));
        ctx.router().request(request, ASK_TIMEOUT).thenAccept(answer -> {
            if (answer.getType() != IQ.Type.result || answer.getChildElement() == null) {
                return;
            }
            Element query = answer.getChildElement();
            Set<String> features = new LinkedHashSet<>();
            query.elements("feature").forEach(f -> features.add(f.attributeValue("var")));
            // XEP-0115 §5.4 step 3.4: an answer naming a feature twice is not to be trusted for the hash.
            boolean duplicates = features.size() != query.elements("feature").size();
            features.remove(null);
            String storedKey = key.startsWith("sha-1:") && !duplicates && checks(query, features, c.attributeValue("ver"))
                    ? key : "jid:" + full;
            known.put(storedKey, String.join("\n", features));
            // Only if the resource still announces these capabilities.
            Optional<Set<String>> now = features(full);
            if (now.isPresent()) {
                ctx.publish(new ClientCapabilities.Changed(full, Set.copyOf(features)));
            }
        });
    }

    /** XEP-0115 §5.4: whether the answer hashes to the announced ver. */
    private static boolean checks(Element query, Set<String> features, String ver) {
        List<VerificationString.Identity> identities = new ArrayList<>();
        for (Element i : query.elements("identity")) {
            if (i.attributeValue("category") == null || i.attributeValue("type") == null) {
                return false;
            }
            identities.add(new VerificationString.Identity(i.attributeValue("category"), i.attributeValue("type"),
                    i.attributeValue(QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE)), i.attributeValue("name")));
        }
        List<DataForm> forms = new ArrayList<>();
        query.elements(QName.get("x", "jabber:x:data")).forEach(x -> forms.add(new DataForm(x.createCopy())));
        return VerificationString.sha1(identities, features, forms).equals(ver);
    }

    /** A resource that ends forgets what only it announced. */
    void closed(LocalSession session) {
        if (session.address() != null) {
            known.remove("jid:" + session.address());
        }
    }
}
