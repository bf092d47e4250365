package im.parley.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that a client library applies on its own thread (a roster push taking
 * effect, a connection noticing it was closed), with the test timeout and a message saying what
 * did not happen. Tests wait for stanzas with {@link TestClient#receives}; this is for state.
 */
public final class Await {
    private static final long STEP = TimeUnit.MILLISECONDS.toNanos(20);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, TestClient.TIMEOUT, condition);
    }

    /** Waits longer than usual, for what takes its time by design (e.g. a cluster merge interval). */
    public static void until(String what, java.time.Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within " + timeout.toSeconds() + " s: " + what);
            }
            LockSupport.parkNanos(STEP);
        }
    }
}
