package im.parley.core.admin;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;
import im.parley.api.config.Secret;

/** The {@code management} section. */
@Doc("The admin listener: Prometheus metrics at /metrics, health at /health/live and /health/ready, and the admin REST API at /api/v1 (bearer token). Bound to loopback by default; put it behind a firewall or proxy before opening it wider.")
public record AdminConfig(
        @Doc("Address the admin listener binds to.")
        @Default("127.0.0.1") String address,
        @Doc("Port of the admin listener (0 picks a free port, -1 turns it off).")
        @Default("5280") @Min("-1") @Max("65535") int port,
        @Doc("The token admin API calls must send as 'Authorization: Bearer <token>'. Empty: one is generated into <data_dir>/admin-token (readable by the server's user only), where bin/parley admin finds it.")
        @Default("") @Secret String token) {
}
