package im.parley.s2s;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;
import im.parley.api.config.Secret;
import java.util.Map;

/** The {@code components} section: external components (XEP-0114). */
@Doc("External components (XEP-0114): gateways and bots that connect on their own port and serve a domain of their own, e.g. bots.example.org.")
public record ComponentsConfig(
        @Doc("Address the component listener binds to; keep it private (components authenticate with a shared secret only).")
        @Default("127.0.0.1") String address,
        @Doc("Port of the component listener (0 picks a free port). The listener starts only when secrets are configured.")
        @Default("5347") @Min("0") @Max("65535") int port,
        @Doc("The components allowed to connect: the domain each serves and its shared secret, e.g. {bots.example.org: \"a long random secret\"}.")
        @Default("{}") @Secret Map<String, String> secrets) {
}
