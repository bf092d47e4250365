package im.parley.core.web;

import java.util.concurrent.Executor;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoEvent;
import org.apache.mina.core.session.IoEventType;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one HTTP-borne stream's session work on the server's workers, MINA's ordered pool, one task
 * at a time and in order, as the pool does for a TCP stream: the stream's key is a session object
 * of its own.
 */
final class OrderedWork {
    private static final Logger LOG = LoggerFactory.getLogger(OrderedWork.class);
    private final Executor workers;
    private final IoSession key = new DummySession();

    OrderedWork(Executor workers) {
        this.workers = workers;
    }

    void run(Runnable work) {
        workers.execute(new Task(key, work));
    }

    private static final class Task extends IoEvent {
        Task(IoSession key, Runnable work) {
            super(IoEventType.MESSAGE_RECEIVED, key, work);
        }

        @Override
        public void fire() {
            try {
                ((Runnable) getParameter()).run();
            } catch (RuntimeException e) {
                LOG.error("Session task failed", e);
            }
        }
    }
}
