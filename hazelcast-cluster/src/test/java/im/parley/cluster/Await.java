package im.parley.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded polling for what other cluster nodes do in their own time. */
final class Await {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private Await() {
    }

    /** Waits until the condition holds; fails naming {@code what} once {@code timeout} has passed. */
    static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("Waited " + timeout.toMillis() + " ms for " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
