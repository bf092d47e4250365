package im.parley.module.caps;

import im.parley.api.event.ServerEvent;
import java.util.Optional;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * What clients support, as their presence announces it through entity capabilities (XEP-0115):
 * published by the caps module for other modules (PEP filters notifications with it), obtained
 * with {@code ctx.service(ClientCapabilities.class)}. Works for resources on every cluster node.
 */
public interface ClientCapabilities {

    /** The disco#info features of a resource as its current presence announces them, when known. */
    Optional<Set<String>> features(JID full);

    /** The resources of another server's user whose available presence reached a local account. */
    java.util.List<JID> remoteResources(JID bare);

    /**
     * A resource's announced capabilities became known: at its initial presence, or when an
     * update names other capabilities. Published on the node holding the session, on the session's
     * worker or, when the server had to ask the client first, on the thread that got the answer.
     */
    record Changed(JID address, Set<String> features) implements ServerEvent {
    }
}
