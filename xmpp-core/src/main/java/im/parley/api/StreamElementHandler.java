package im.parley.api;

import im.parley.api.session.LocalSession;
import org.dom4j.Element;

/**
 * Handles a first-level stream element that is not a stanza (a "nonza"), such as stream
 * management's {@code <r/>} or client state indication's {@code <inactive/>}.
 */
@FunctionalInterface
public interface StreamElementHandler {
    void handle(Element element, LocalSession session);
}
