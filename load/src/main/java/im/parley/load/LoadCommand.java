package im.parley.load;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The load tool's entry point: {@code connect} and {@code messages} scenarios against a running server. */
@Command(name = "parley-load", mixinStandardHelpOptions = true, version = "parley-load 0.1.0",
        description = "Drives thousands of XMPP client sessions from one process against a running server.",
        subcommands = {ConnectCommand.class, MessagesCommand.class, MucCommand.class})
public final class LoadCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // The core test-jar (for ScramClient) carries a logback-test.xml that logback would pick first.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "parley-load-logback.xml");
        }
        System.exit(new CommandLine(new LoadCommand()).execute(args));
    }
}
