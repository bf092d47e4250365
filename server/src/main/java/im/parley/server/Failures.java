package im.parley.server;

import im.parley.api.config.ConfigException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Turns expected failures (bad config, taken ports, unreachable database) into one clear line and an exit code. */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ConfigException) && !(cause instanceof UncheckedIOException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ConfigException) {
            cmd.getErr().println("parley: " + cause.getMessage());
            return 2;
        }
        cmd.getErr().println("parley: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        return 1;
    }
}
