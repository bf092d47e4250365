package im.parley.core.http;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;
import java.time.Duration;

/** The {@code http} section. */
@Doc("The HTTP endpoint shared by file upload, web clients and the like: one listener, TLS with the server's certificates or plain HTTP behind a reverse proxy.")
public record HttpConfig(
        @Doc("Address the HTTP listener binds to.")
        @Default("0.0.0.0") String address,
        @Doc("Port of the HTTP listener (0 picks a free port, -1 turns the endpoint off).")
        @Default("5443") @Min("-1") @Max("65535") int port,
        @Doc("Whether the listener speaks TLS with the certificates of the tls section; false for plain HTTP behind a reverse proxy that terminates TLS.")
        @Default("true") boolean tls,
        @Doc("The URL clients use to reach the endpoint when it differs from https://<domain>:<port>, e.g. behind a reverse proxy or a CDN: https://chat.example.org. Empty for the default.")
        @Default("") String publicUrl,
        @Doc("A connection with no traffic for this long is closed (also ends uploads that stall).")
        @Default("30s") Duration idleTimeout,
        @Doc("Largest number of threads serving HTTP requests.")
        @Default("64") @Min("8") int maxThreads) {
}
