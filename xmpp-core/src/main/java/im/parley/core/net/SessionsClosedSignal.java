package im.parley.core.net;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.service.IoServiceListener;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;

/**
 * Lets a thread wait for MINA connections to finish closing without polling: add it as a
 * listener to the acceptors or connectors, and each destroyed session wakes the waiters to
 * check again. MINA removes a session from its service's managed sessions before telling the
 * listeners, so the count a waiter reads on waking is already current.
 */
public final class SessionsClosedSignal implements IoServiceListener {
    private final Object lock = new Object();

    /**
     * Waits until {@code anyOpen} says none are open, the timeout passes, or the thread is
     * interrupted (the interrupt flag is kept); returns whether all closed.
     */
    public boolean await(Duration timeout, BooleanSupplier anyOpen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            for (long left = deadline - System.nanoTime(); anyOpen.getAsBoolean(); left = deadline - System.nanoTime()) {
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public void sessionDestroyed(IoSession session) {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public void serviceActivated(IoService service) {
    }

    @Override
    public void serviceIdle(IoService service, IdleStatus idleStatus) {
    }

    @Override
    public void serviceDeactivated(IoService service) {
    }

    @Override
    public void sessionCreated(IoSession session) {
    }

    @Override
    public void sessionClosed(IoSession session) {
    }
}
