package im.parley.server;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley admin ...}: the admin REST API of the running server from the shell (users,
 * sessions, rooms, announcements, status), the same operations a script or dashboard calls.
 */
@Command(name = "admin", description = "Manage the running server through its admin API (management section).",
        subcommands = {AdminCommand.Status.class, AdminCommand.Users.class, AdminCommand.AddUser.class,
            AdminCommand.DeleteUser.class, AdminCommand.Passwd.class, AdminCommand.Sessions.class, AdminCommand.Kick.class,
            AdminCommand.Rooms.class, AdminCommand.CreateRoom.class, AdminCommand.DestroyRoom.class, AdminCommand.Broadcast.class})
final class AdminCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    /** What every admin subcommand shares: the config, and one call. */
    abstract static class Call implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        int call(String method, String path, Map<String, Object> body) throws Exception {
            return AdminClient.of(config.load()).call(method, path, body, System.out, System.err);
        }
    }

    @Command(name = "status", description = "Version, uptime, readiness and the cluster's nodes.")
    static final class Status extends Call {
        @Override
        public Integer call() throws Exception {
            return call("GET", "/status", null);
        }
    }

    @Command(name = "users", description = "List a domain's accounts.")
    static final class Users extends Call {
        @Option(names = "--domain", description = "The domain (default: the first served).")
        String domain;

        @Override
        public Integer call() throws Exception {
            return call("GET", "/users?limit=1000" + (domain == null ? "" : "&domain=" + AdminClient.path(domain)), null);
        }
    }

    @Command(name = "add-user", description = "Create an account.")
    static final class AddUser extends Call {
        @Parameters(index = "0", paramLabel = "JID")
        String jid;
        @Mixin
        UserCommand.PasswordOptions password;

        @Override
        public Integer call() throws Exception {
            return call("POST", "/users", Map.of("jid", jid, "password", password.read("Password for " + jid)));
        }
    }

    @Command(name = "delete-user", description = "Delete an account and everything kept for it.")
    static final class DeleteUser extends Call {
        @Parameters(index = "0", paramLabel = "JID")
        String jid;

        @Override
        public Integer call() throws Exception {
            return call("DELETE", "/users/" + AdminClient.path(jid), null);
        }
    }

    @Command(name = "passwd", description = "Set an account's password.")
    static final class Passwd extends Call {
        @Parameters(index = "0", paramLabel = "JID")
        String jid;
        @Mixin
        UserCommand.PasswordOptions password;

        @Override
        public Integer call() throws Exception {
            return call("PUT", "/users/" + AdminClient.path(jid) + "/password", Map.of("password", password.read("New password for " + jid)));
        }
    }

    @Command(name = "sessions", description = "List the connected resources of the cluster.")
    static final class Sessions extends Call {
        @Override
        public Integer call() throws Exception {
            return call("GET", "/sessions", null);
        }
    }

    @Command(name = "kick", description = "Disconnect a session (full JID with resource).")
    static final class Kick extends Call {
        @Parameters(index = "0", paramLabel = "FULL_JID")
        String jid;

        @Override
        public Integer call() throws Exception {
            return call("DELETE", "/sessions/" + AdminClient.path(jid), null);
        }
    }

    @Command(name = "rooms", description = "List group chat rooms.")
    static final class Rooms extends Call {
        @Override
        public Integer call() throws Exception {
            return call("GET", "/rooms", null);
        }
    }

    @Command(name = "create-room", description = "Create a persistent room.")
    static final class CreateRoom extends Call {
        @Parameters(index = "0", paramLabel = "ROOM_JID")
        String room;
        @Option(names = "--name", description = "The room's name.")
        String name = "";
        @Option(names = "--owner", description = "An owner's JID.")
        String owner;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("room", room, "name", name));
            if (owner != null) {
                body.put("owner", owner);
            }
            return call("POST", "/rooms", body);
        }
    }

    @Command(name = "destroy-room", description = "Destroy a room; its occupants are told.")
    static final class DestroyRoom extends Call {
        @Parameters(index = "0", paramLabel = "ROOM_JID")
        String room;

        @Override
        public Integer call() throws Exception {
            return call("DELETE", "/rooms/" + AdminClient.path(room), null);
        }
    }

    @Command(name = "broadcast", description = "Send an announcement to everyone online.")
    static final class Broadcast extends Call {
        @Parameters(index = "0", paramLabel = "MESSAGE")
        String message;
        @Option(names = "--domain", description = "Only the users of this domain.")
        String domain;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("message", message));
            if (domain != null) {
                body.put("domain", domain);
            }
            return call("POST", "/broadcast", body);
        }
    }
}
