package im.parley.api;

import org.xmpp.packet.IQ;

/**
 * Answers one kind of IQ request. The returned IQ is sent back to the requester; throwing a
 * {@link StanzaException} sends the matching error instead.
 */
@FunctionalInterface
public interface IqHandler {
    /**
     * @return the result (usually {@code IQ.createResultIQ(request)} with a child), or null when
     *         the handler has already sent the answer itself (for example asynchronously)
     */
    IQ handle(IQ request, Origin origin) throws StanzaException;
}
