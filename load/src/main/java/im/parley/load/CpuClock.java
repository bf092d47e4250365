package im.parley.load;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** Measures the tool's own CPU use, so a report shows whether the tool rather than the server was the limit. */
final class CpuClock {
    private final long startCpu;
    private final long startWall;

    private CpuClock() {
        this.startCpu = processCpuNanos();
        this.startWall = System.nanoTime();
    }

    static CpuClock start() {
        return new CpuClock();
    }

    /** CPU seconds used per wall-clock second since start: 1.0 means one core busy all the time. */
    double coresUsed() {
        long wall = System.nanoTime() - startWall;
        long cpu = processCpuNanos() - startCpu;
        return wall <= 0 || cpu < 0 ? 0 : (double) cpu / wall;
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
