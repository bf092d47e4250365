package im.parley.server;

import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the server in the foreground until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "start", description = "Start the server in the foreground.")
final class StartCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        Parley parley = Parley.start(config.load());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            parley.close();
            stopped.countDown();
        }, "parley-shutdown"));
        stopped.await();
        return 0;
    }
}
