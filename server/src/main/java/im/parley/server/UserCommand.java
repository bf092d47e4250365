package im.parley.server;

import im.parley.api.account.AccountException;
import im.parley.core.account.AccountService;
import im.parley.core.cluster.LocalCluster;
import im.parley.core.metrics.ServerMetrics;
import im.parley.core.routing.RouteDelivery;
import im.parley.core.config.AuthConfig;
import im.parley.core.config.ConfigSource;
import im.parley.core.config.ServerConfig;
import im.parley.core.dispatch.EventBus;
import im.parley.core.server.ServerDetails;
import im.parley.core.session.SessionRegistry;
import im.parley.storage.Storage;
import im.parley.storage.StorageConfig;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.xmpp.packet.JID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Account administration straight on the storage, for the first admin account and for scripts.
 * While the server runs, the admin ad-hoc commands also end the sessions of deleted users.
 */
@Command(name = "user", description = "Add, delete, list users and change passwords.",
        subcommands = {UserCommand.Add.class, UserCommand.Delete.class, UserCommand.Passwd.class, UserCommand.ListUsers.class})
final class UserCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Opens storage and the account service for one command. */
    private static <T> T withAccounts(ConfigOption option, AccountsAction<T> action) throws Exception {
        return withStorage(option, (storage, accounts, server) -> action.apply(accounts, server));
    }

    @FunctionalInterface
    private interface StorageAction<T> {
        T apply(Storage storage, AccountService accounts, ServerConfig server) throws Exception;
    }

    private static <T> T withStorage(ConfigOption option, StorageAction<T> action) throws Exception {
        ConfigSource config = option.load();
        ServerConfig server = config.bind("server", ServerConfig.class);
        AuthConfig auth = config.bind("auth", AuthConfig.class);
        try (Storage storage = Storage.open(config.bind("storage", StorageConfig.class), server.dataDir())) {
            // No server runs here: no sessions to close, so a single-node view with nothing in it.
            LocalCluster alone = new LocalCluster(Clock.systemUTC());
            AccountService accounts = new AccountService(storage.accounts(),
                    new ServerDetails(server.domains(), server.admins(), Parley.version(), Clock.systemUTC(), server.dataDir()),
                    new EventBus(), alone.routingTable(), new RouteDelivery(new SessionRegistry(), alone, new im.parley.core.routing.Handoffs(alone.localNode()), new ServerMetrics()),
                    auth.scramIterations(), auth.minPasswordLength());
            return action.apply(storage, accounts, server);
        }
    }

    @FunctionalInterface
    private interface AccountsAction<T> {
        T apply(AccountService accounts, ServerConfig server) throws Exception;
    }

    private static JID parse(String jid) throws AccountException {
        try {
            JID parsed = new JID(jid);
            if (parsed.getNode() == null || parsed.getResource() != null) {
                throw new IllegalArgumentException();
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new AccountException(AccountException.Reason.INVALID_USERNAME, "'" + jid + "' is not a user address like alice@example.org");
        }
    }

    /** The ways to give a password without it landing in shell history by accident. */
    static final class PasswordOptions {
        @Option(names = "--password", description = "The password (visible to other local users in the process list; prefer a prompt or --password-file).")
        String password;

        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of a file ('-' for stdin).")
        String file;

        String read(String prompt) throws IOException {
            if (password != null) {
                return password;
            }
            if (file != null) {
                BufferedReader reader = file.equals("-")
                        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
                String line = reader.readLine();
                return line == null ? "" : line;
            }
            Console console = System.console();
            if (console == null) {
                throw new IOException("no terminal to ask for the password; use --password-file or --password");
            }
            char[] first = console.readPassword("%s: ", prompt);
            char[] again = console.readPassword("Again: ");
            if (first == null || again == null || !new String(first).equals(new String(again))) {
                throw new IOException("the passwords do not match");
            }
            return new String(first);
        }
    }

    @Command(name = "add", description = "Create an account.")
    static final class Add implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Mixin
        PasswordOptions passwords;
        @Parameters(paramLabel = "JID", description = "The account, e.g. alice@example.org")
        String jid;

        @Override
        public Integer call() throws Exception {
            String password = passwords.read("Password for " + jid);
            return withAccounts(config, (accounts, server) -> {
                accounts.create(parse(jid), password);
                System.out.println("Created " + jid);
                return 0;
            });
        }
    }

    @Command(name = "delete", description = "Delete an account.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "JID")
        String jid;

        @Override
        public Integer call() throws Exception {
            return withStorage(config, (storage, accounts, server) -> {
                JID account = parse(jid);
                accounts.delete(account);
                // No module runs here to hear the deletion: the storage forgets the account's data itself.
                storage.deleteAccountData(account);
                System.out.println("Deleted " + jid + " and its data");
                return 0;
            });
        }
    }

    @Command(name = "passwd", description = "Change an account's password.")
    static final class Passwd implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Mixin
        PasswordOptions passwords;
        @Parameters(paramLabel = "JID")
        String jid;

        @Override
        public Integer call() throws Exception {
            String password = passwords.read("New password for " + jid);
            return withAccounts(config, (accounts, server) -> {
                accounts.changePassword(parse(jid), password);
                System.out.println("Changed the password of " + jid);
                return 0;
            });
        }
    }

    @Command(name = "list", description = "List the accounts of a domain.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "DOMAIN", arity = "0..1", description = "The domain (default: the first configured)")
        String domain;

        @Override
        public Integer call() throws Exception {
            return withAccounts(config, (accounts, server) -> {
                String d = domain == null ? server.domains().get(0) : domain;
                for (int offset = 0; ; offset += 500) {
                    List<JID> page = accounts.list(d, offset, 500);
                    page.forEach(System.out::println);
                    if (page.size() < 500) {
                        break;
                    }
                }
                return 0;
            });
        }
    }
}
