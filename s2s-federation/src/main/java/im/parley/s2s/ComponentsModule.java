package im.parley.s2s;

import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Xep;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** External components (XEP-0114): gateways and bots attach to the server as domains of their own. */
@im.parley.api.config.Configured(ComponentsConfig.class)
@Xep(number = 114, version = "1.6")
public final class ComponentsModule implements Module {
    private static final Logger LOG = LoggerFactory.getLogger(ComponentsModule.class);

    private OrderedThreadPoolExecutor workers;
    private S2sTransport transport;
    private volatile int port = -1;

    @Override
    public String name() {
        return "components";
    }

    @Override
    public void start(ModuleContext ctx) {
        ComponentsConfig config = ctx.config(ComponentsConfig.class);
        if (config.secrets().isEmpty()) {
            return;
        }
        ExternalComponents components = new ExternalComponents(ctx, config.secrets());
        for (String domain : config.secrets().keySet()) {
            String served = domain.toLowerCase(java.util.Locale.ROOT);
            ctx.componentDomain(served, (stanza, origin) -> components.deliver(stanza, served));
        }
        ctx.cluster().onNotice(ExternalComponents.RELAY, components::relayed);
        workers = new OrderedThreadPoolExecutor(0, 8, 60, TimeUnit.SECONDS);
        transport = new S2sTransport(1 << 20, 32, Duration.ofDays(365), workers);
        port = transport.listen(config.address(), config.port(), "components.port", new S2sTransport.Setup(false, false,
                () -> null, null, List.of(), link -> new ComponentStream(link, components)));
        LOG.info("Listening for components {} on {}:{}", config.secrets().keySet(), config.address(), port);
    }

    /** The port bound (tests start with port 0). */
    public int port() {
        return port;
    }

    @Override
    public void stop() {
        if (transport != null) {
            transport.close();
        }
        if (workers != null) {
            workers.shutdown();
        }
    }
}
