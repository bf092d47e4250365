package im.parley.core.net;

import im.parley.core.xml.StreamEvent;

/** What the transport tells the session layer about one client stream. Called on the session's worker. */
public interface StreamListener {

    void onEvent(StreamEvent event);

    /** Nothing was read for the configured idle time. */
    void onIdle();

    /** The connection is gone, whoever closed it. */
    void onDisconnected();
}
