package im.parley.module.ping;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Min;
import java.time.Duration;

/** The {@code ping} section. */
@Doc("XEP-0199 ping: answered for the server and accounts, and sent by the server to find dead connections.")
public record PingConfig(
        @Doc("A client silent for this long is pinged by the server; 0s turns server pings off.")
        @Default("2m") Duration interval,
        @Doc("A client that answers a server ping within this time stays; otherwise its stream is closed.")
        @Default("30s") @Min("1s") Duration timeout) {
}
