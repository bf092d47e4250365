package im.parley.core.dispatch;

import im.parley.api.disco.ServiceDirectory;
import im.parley.api.session.ConnectionGate;
import java.net.InetAddress;
import java.util.Optional;
import im.parley.core.metrics.ServerMetrics;

/** Every registry modules register into, created once per server. */
public final class Registries {
    private final ModuleFailures failures = new ModuleFailures();
    private final IqRegistry iqs = new IqRegistry(failures);
    private final StanzaChains chains;
    private final Interceptors interceptors;
    private final EventBus events = new EventBus(failures);
    private final StreamFeatures streamFeatures = new StreamFeatures();
    private final StreamElements streamElements = new StreamElements();
    private final Contributions contributions = new Contributions();
    private final Components components = new Components(failures);
    private final RemoteDomainSlot remoteDomains = new RemoteDomainSlot();
    private final im.parley.core.http.HttpRouteTable httpRoutes = new im.parley.core.http.HttpRouteTable();
    private final Directory directory = new Directory(contributions);

    public Registries(ServerMetrics metrics) {
        this.chains = new StanzaChains(metrics, failures);
        this.interceptors = new Interceptors(metrics, failures);
    }

    /**
     * Asks the modules' {@link ConnectionGate}s about a new connection; a gate that throws is
     * reported as its module's failure and lets the connection open.
     */
    public Optional<String> connectionRefusal(InetAddress address) {
        for (Ordered.Owned<Object> gate : contributions.owned(ConnectionGate.class)) {
            try {
                Optional<String> refusal = ((ConnectionGate) gate.value()).refusal(address);
                if (refusal.isPresent()) {
                    return refusal;
                }
            } catch (RuntimeException e) {
                failures.failed(gate.owner(), "checking a new connection", e);
            }
        }
        return Optional.empty();
    }

    /** Where module code that throws is reported. */
    public ModuleFailures failures() {
        return failures;
    }

    public IqRegistry iqs() {
        return iqs;
    }

    public StanzaChains chains() {
        return chains;
    }

    public Interceptors interceptors() {
        return interceptors;
    }

    public EventBus events() {
        return events;
    }

    public StreamFeatures streamFeatures() {
        return streamFeatures;
    }

    public StreamElements streamElements() {
        return streamElements;
    }

    public im.parley.core.http.HttpRouteTable httpRoutes() {
        return httpRoutes;
    }

    public Components components() {
        return components;
    }

    public RemoteDomainSlot remoteDomains() {
        return remoteDomains;
    }

    Contributions contributions() {
        return contributions;
    }

    /** Everything the running modules contributed for an interface (e.g. admin API resources). */
    public <T> java.util.List<T> contributed(Class<T> type) {
        return contributions.of(type);
    }

    Directory directory() {
        return directory;
    }

    public ServiceDirectory serviceDirectory() {
        return directory;
    }
}
