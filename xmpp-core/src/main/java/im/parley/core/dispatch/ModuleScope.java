package im.parley.core.dispatch;

import im.parley.api.IqHandler;
import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Interceptor;
import im.parley.api.ModuleContext;
import im.parley.api.Phase;
import im.parley.api.Scheduler;
import im.parley.api.ServerInfo;
import im.parley.api.StanzaHandler;
import im.parley.api.StanzaRoute;
import im.parley.api.StreamElementHandler;
import im.parley.api.StreamStage;
import im.parley.api.account.Accounts;
import im.parley.api.disco.Identity;
import im.parley.api.disco.ServiceDirectory;
import im.parley.api.event.EventListener;
import im.parley.api.event.ServerEvent;
import im.parley.api.metrics.ModuleMetrics;
import im.parley.api.routing.Router;
import im.parley.api.session.LocalSession;
import im.parley.api.session.Sessions;
import im.parley.api.routing.SessionDirectory;
import im.parley.api.cluster.ClusterView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.dom4j.Element;

/** One module's {@link ModuleContext}: it records every registration so that stopping undoes them all. */
final class ModuleScope implements ModuleContext {
    private final String name;
    private final ModuleHost host;
    private final List<Runnable> undo = new ArrayList<>();
    private final Scheduler scheduler;
    private final ClusterView cluster;

    ModuleScope(String name, ModuleHost host) {
        this.name = name;
        this.host = host;
        this.cluster = new ModuleClusterView(host.services().cluster(), this::record);
        this.scheduler = new Scheduler() {
            @Override
            public Task schedule(Duration delay, Runnable task) {
                return own(host.services().scheduler().schedule(delay, guarded(task)));
            }

            @Override
            public Task scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
                return own(host.services().scheduler().scheduleAtFixedRate(initialDelay, period, guarded(task)));
            }
        };
    }

    /** A timer task whose failure is reported as the module's. */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                host.registries().failures().failed(name, "running a timer task", e);
            }
        };
    }

    private synchronized Scheduler.Task own(Scheduler.Task task) {
        undo.add(task::cancel);
        return task;
    }

    private synchronized void record(Runnable removal) {
        undo.add(removal);
    }

    /** Removes everything the module registered, newest first. */
    synchronized void close() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
    }

    @Override
    public <C extends Record> C config(Class<C> type) {
        return host.config(name, type);
    }

    @Override
    public ServerInfo server() {
        return host.services().server();
    }

    @Override
    public void onIq(IqScope scope, IqType type, String namespace, String element, IqHandler handler) {
        record(host.registries().iqs().register(new IqRegistry.Key(scope, type, namespace, element), name, handler, false));
        record(host.registries().directory().addFeature(scope, name, namespace));
    }

    @Override
    public void onPreAuthIq(IqType type, String namespace, String element, IqHandler handler) {
        record(host.registries().iqs().register(new IqRegistry.Key(IqScope.SERVER, type, namespace, element), name, handler, true));
        record(host.registries().directory().addFeature(IqScope.SERVER, name, namespace));
    }

    @Override
    public List<String> component(String label, im.parley.api.component.ComponentHandler handler) {
        List<String> domains = new ArrayList<>();
        for (String domain : host.services().server().domains()) {
            String component = label + "." + domain;
            record(host.registries().components().add(component, name, handler));
            domains.add(component);
        }
        return List.copyOf(domains);
    }

    @Override
    public void componentDomain(String domain, im.parley.api.component.ComponentHandler handler) {
        record(host.registries().components().add(domain, name, handler));
    }

    @Override
    public void remoteDomains(im.parley.api.routing.RemoteDomains remote) {
        record(host.registries().remoteDomains().set(name, remote));
    }

    @Override
    public boolean hostsDomain(String domain) {
        return host.services().server().isLocalDomain(domain) || host.registries().components().find(domain).isPresent();
    }

    @Override
    public im.parley.api.tls.ServerTls tls() {
        return host.services().tls();
    }

    @Override
    public void onStreamElement(String namespace, String element, StreamElementHandler handler) {
        record(host.registries().streamElements().add(namespace, element, name, handler));
    }

    @Override
    public void onStanza(StanzaRoute route, int priority, StanzaHandler handler) {
        record(host.registries().chains().add(route, priority, name, handler));
    }

    @Override
    public void intercept(Phase phase, int priority, Interceptor interceptor) {
        record(host.registries().interceptors().add(phase, priority, name, interceptor));
    }

    @Override
    public <E extends ServerEvent> void on(Class<E> type, EventListener<E> listener) {
        record(host.registries().events().subscribe(type, name, listener));
    }

    @Override
    public void publish(ServerEvent event) {
        host.registries().events().publish(event);
    }

    @Override
    public void feature(IqScope scope, String var) {
        record(host.registries().directory().addFeature(scope, name, var));
    }

    @Override
    public void identity(IqScope scope, Identity identity) {
        record(host.registries().directory().addIdentity(scope, name, identity));
    }

    @Override
    public void streamFeature(StreamStage stage, Function<LocalSession, Element> feature) {
        record(host.registries().streamFeatures().add(stage, name, feature));
    }

    @Override
    public <T> void contribute(Class<T> type, T contribution) {
        record(host.registries().contributions().add(type, name, contribution));
    }

    @Override
    public <T> List<T> contributions(Class<T> type) {
        return host.registries().contributions().of(type);
    }

    @Override
    public <R> R repository(Class<R> type, Supplier<? extends R> inMemory) {
        return host.repository(name, type, inMemory);
    }

    @Override
    public ServiceDirectory directory() {
        return host.registries().directory();
    }

    @Override
    public Router router() {
        return host.services().router();
    }

    @Override
    public Sessions sessions() {
        return host.services().sessions();
    }

    @Override
    public SessionDirectory routes() {
        return host.services().cluster().routingTable();
    }

    @Override
    public ClusterView cluster() {
        return cluster;
    }

    @Override
    public Accounts accounts() {
        return host.services().accounts();
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public im.parley.api.http.HttpRoutes http() {
        return new im.parley.api.http.HttpRoutes() {
            @Override
            public void route(String prefix, jakarta.servlet.http.HttpServlet servlet) {
                record(host.registries().httpRoutes().add(prefix, name, servlet));
            }

            @Override
            public java.util.Optional<String> baseUrl(String domain) {
                return host.services().http().flatMap(endpoint -> endpoint.baseUrl(domain));
            }
        };
    }

    @Override
    public ModuleMetrics metrics() {
        return host.services().metrics().forModule(name);
    }
}
