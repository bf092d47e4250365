package im.parley.api;

import java.time.Duration;

/** The server's one shared timer. Tasks run on its threads and must not block for long. */
public interface Scheduler {

    /** A scheduled task that can be cancelled. */
    interface Task {
        void cancel();
    }

    Task schedule(Duration delay, Runnable task);

    Task scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task);
}
