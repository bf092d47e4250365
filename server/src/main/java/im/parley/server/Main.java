package im.parley.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code parley} command: start the server, manage users, check the config. */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Parley, an XMPP chat server.",
        subcommands = {StartCommand.class, UserCommand.class, ConfigCommand.class, AdminCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (0 ok, 1 failure, 2 usage or config error). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setExecutionExceptionHandler(new Failures()).execute(args);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Prints the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Parley " + Parley.version()};
        }
    }
}
