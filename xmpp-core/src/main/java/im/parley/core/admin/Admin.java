package im.parley.core.admin;

import im.parley.api.admin.AdminResource;
import im.parley.core.server.ServerParts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin side of a running server: its token, its health and its listener (when on). */
public final class Admin implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Admin.class);
    /** Where a generated token is kept, under the data directory. */
    public static final String TOKEN_FILE = "admin-token";

    private final String token;
    private final Health health;
    private final AdminEndpoint endpoint;

    private Admin(String token, Health health, AdminEndpoint endpoint) {
        this.token = token;
        this.health = health;
        this.endpoint = endpoint;
    }

    /** Starts the admin listener unless its port is -1; the core's API resources and the modules' are served. */
    public static Admin start(AdminConfig config, ServerParts parts, Health health) {
        String token = config.token().isBlank() ? generatedToken(parts.server().dataDir()) : config.token().strip();
        if (config.port() < 0) {
            return new Admin(token, health, null);
        }
        List<AdminResource> core = List.of(
                new UsersResource(parts.accounts(), parts.server()),
                new SessionsResource(parts.cluster().routingTable(), parts.delivery()),
                new BroadcastResource(parts.cluster().routingTable(), parts.router(), parts.server()),
                new StatusResource(parts.server(), parts.cluster(), parts.cluster().routingTable(), health));
        AdminApiServlet api = new AdminApiServlet(token, () -> {
            List<AdminResource> all = new ArrayList<>(core);
            all.addAll(parts.registries().contributed(AdminResource.class));
            return all;
        });
        return new Admin(token, health, AdminEndpoint.start(config, parts.metrics().registry(), health, api));
    }

    /** The token in the data directory, made on first use: random, owner-only, written whole before it is visible. */
    static String generatedToken(Path dataDir) {
        Path file = dataDir.resolve(TOKEN_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Path temp = Files.createTempFile(dataDir, TOKEN_FILE, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temp, HexFormat.of().formatHex(random) + "\n");
                try {
                    Files.createLink(file, temp);
                    LOG.info("Generated the admin API token in {}", file);
                } catch (FileAlreadyExistsException e) {
                    // another node sharing the directory was first; its token counts
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin token in " + file + " (management.token)", e);
        }
    }

    public Health health() {
        return health;
    }

    public String token() {
        return token;
    }

    public int port() {
        return endpoint == null ? -1 : endpoint.port();
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
