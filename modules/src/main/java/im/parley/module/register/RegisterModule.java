package im.parley.module.register;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.StreamStage;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.account.AccountException;
import im.parley.api.session.LocalSession;
import java.time.Duration;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * XEP-0077 over jabber:iq:register: in-band registration before login (only where config allows
 * it), and password change and account removal for the logged-in user.
 */
@Configured(RegisterConfig.class)
@Xep(number = 77, version = "2.4")
public final class RegisterModule implements Module {
    private static final Logger LOG = LoggerFactory.getLogger(RegisterModule.class);
    public static final String NS = "jabber:iq:register";
    private static final String FEATURE_NS = "http://jabber.org/features/iq-register";

    private ModuleContext ctx;
    private RegisterConfig config;
    private RegistrationLimiter limiter;

    @Override
    public String name() {
        return "register";
    }

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config(RegisterConfig.class);
        this.limiter = new RegistrationLimiter(config.registrationsPerAddress(), config.registrationWindow());
        ctx.onPreAuthIq(IqType.GET, NS, "query", this::get);
        ctx.onPreAuthIq(IqType.SET, NS, "query", this::set);
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, NS, "query", this::get);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, NS, "query", this::set);
        if (config.allowRegistration()) {
            ctx.streamFeature(StreamStage.BEFORE_AUTH, s -> DocumentHelper.createElement(QName.get("register", FEATURE_NS)));
            ctx.scheduler().scheduleAtFixedRate(Duration.ofMinutes(5), Duration.ofMinutes(5),
                    () -> limiter.sweep(ctx.server().clock().instant()));
        }
    }

    private IQ get(IQ request, Origin origin) throws StanzaException {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", NS);
        if (origin.kind() == Origin.Kind.CLIENT) {
            // XEP-0077 §3.2: a registered entity sees that it is registered.
            query.addElement("registered");
            query.addElement("username").setText(origin.jid().getNode());
            query.addElement("password");
            return result;
        }
        requireRegistrationAllowed(origin);
        query.addElement("instructions").setText(config.instructions());
        query.addElement("username");
        query.addElement("password");
        return result;
    }

    private IQ set(IQ request, Origin origin) throws StanzaException {
        Element query = request.getChildElement();
        if (origin.kind() == Origin.Kind.CLIENT) {
            if (!isOwnAccount(request, origin)) {
                throw new StanzaException(PacketError.Condition.forbidden, "you can only change your own account");
            }
            return query.element("remove") != null ? remove(request, origin) : changePassword(request, origin, query);
        }
        if (query.element("remove") != null) {
            throw new StanzaException(PacketError.Condition.not_authorized, "log in to remove your account");
        }
        return register(request, origin, query);
    }

    private static boolean isOwnAccount(IQ request, Origin origin) {
        JID to = request.getTo();
        return to == null || to.getNode() == null || to.toBareJID().equals(origin.jid().toBareJID());
    }

    private IQ register(IQ request, Origin origin, Element query) throws StanzaException {
        requireRegistrationAllowed(origin);
        LocalSession session = origin.session().orElseThrow();
        String username = query.elementText("username");
        String password = query.elementText("password");
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new StanzaException(PacketError.Condition.not_acceptable, "a user name and a password are required");
        }
        if (!limiter.allowed(session.remoteAddress().getAddress(), ctx.server().clock().instant())) {
            throw new StanzaException(PacketError.Condition.resource_constraint, "too many registrations from your address; try later");
        }
        try {
            String normalized = ctx.accounts().normalizeUsername(username);
            ctx.accounts().create(new JID(normalized, session.domain(), null, true), password);
        } catch (AccountException e) {
            throw toStanzaError(e);
        }
        limiter.registered(session.remoteAddress().getAddress(), ctx.server().clock().instant());
        LOG.info("In-band registration of {}@{} from {}", username, session.domain(), session.remoteAddress().getAddress().getHostAddress());
        return IQ.createResultIQ(request);
    }

    private IQ changePassword(IQ request, Origin origin, Element query) throws StanzaException {
        String username = query.elementText("username");
        String password = query.elementText("password");
        if (password == null || password.isEmpty()) {
            throw new StanzaException(PacketError.Condition.bad_request, "a new password is required");
        }
        if (username != null && !username.isBlank() && !username.trim().equalsIgnoreCase(origin.jid().getNode())) {
            throw new StanzaException(PacketError.Condition.not_authorized, "you can only change your own password");
        }
        try {
            ctx.accounts().changePassword(origin.jid().asBareJID(), password);
        } catch (AccountException e) {
            throw toStanzaError(e);
        }
        return IQ.createResultIQ(request);
    }

    /** XEP-0077 §3.2: answer first, then delete, which closes every stream of the account. */
    private IQ remove(IQ request, Origin origin) throws StanzaException {
        IQ result = IQ.createResultIQ(request);
        result.setTo(request.getFrom());
        result.setFrom(request.getTo());
        origin.session().ifPresent(s -> s.deliver(result));
        try {
            ctx.accounts().delete(origin.jid().asBareJID());
        } catch (AccountException e) {
            throw toStanzaError(e);
        }
        return null;
    }

    private void requireRegistrationAllowed(Origin origin) throws StanzaException {
        if (!config.allowRegistration()) {
            // XEP-0077 §3.1: registration not offered.
            throw new StanzaException(PacketError.Condition.service_unavailable, "in-band registration is disabled");
        }
        if (origin.kind() != Origin.Kind.UNAUTHENTICATED) {
            throw new StanzaException(PacketError.Condition.bad_request);
        }
    }

    private static StanzaException toStanzaError(AccountException e) {
        PacketError.Condition condition = switch (e.reason()) {
            case EXISTS -> PacketError.Condition.conflict;
            case NOT_FOUND -> PacketError.Condition.item_not_found;
            case UNKNOWN_DOMAIN -> PacketError.Condition.not_allowed;
            case INVALID_USERNAME, WEAK_PASSWORD -> PacketError.Condition.not_acceptable;
        };
        return new StanzaException(condition, e.getMessage());
    }
}
