package im.parley.api.component;

import im.parley.api.Origin;
import im.parley.api.StanzaException;
import org.xmpp.packet.Packet;

/**
 * A service on its own subdomain of each served domain (group chat at {@code conference.example.org},
 * upload at {@code upload.example.org}): it receives every stanza addressed to that domain or to an
 * address in it, whoever sent it (a local client, a module, another server).
 */
@FunctionalInterface
public interface ComponentHandler {

    /**
     * Handles one stanza. It runs on the sender's worker, so stanzas from one sender arrive in
     * order. An IQ request is answered by routing the result through the router, now or later;
     * throwing a {@link StanzaException} sends that error to the sender instead (also for messages
     * and presences). Answers to IQs the component sent with {@code Router.request} never reach here.
     */
    void handle(Packet stanza, Origin origin) throws StanzaException;
}
