package im.parley.core.admin;

import im.parley.api.ServerInfo;
import im.parley.api.admin.AdminException;
import im.parley.api.admin.AdminRequest;
import im.parley.api.admin.AdminResource;
import im.parley.api.admin.AdminResponse;
import im.parley.api.routing.Route;
import im.parley.api.routing.Router;
import im.parley.api.routing.SessionDirectory;
import java.util.Map;
import org.xmpp.packet.Message;

/**
 * {@code POST /api/v1/broadcast {"message", "domain"?}}: an announcement to every online
 * resource (of one domain when given) as a headline from the domain, as XEP-0133's announce does.
 */
final class BroadcastResource implements AdminResource {
    private final SessionDirectory routes;
    private final Router router;
    private final ServerInfo server;

    BroadcastResource(SessionDirectory routes, Router router, ServerInfo server) {
        this.routes = routes;
        this.router = router;
        this.server = server;
    }

    @Override
    public String name() {
        return "broadcast";
    }

    @Override
    public AdminResponse handle(AdminRequest request) throws AdminException {
        if (!request.is("POST", 0)) {
            throw AdminException.notAllowed(request);
        }
        String text = request.required("message");
        String domain = request.optional("domain", null);
        if (domain != null && !server.isLocalDomain(domain)) {
            throw AdminException.notFound(domain + " is not served here");
        }
        int sent = 0;
        for (Route r : routes.all()) {
            if (!r.available() || (domain != null && !r.address().getDomain().equals(domain))) {
                continue;
            }
            Message m = new Message();
            m.setType(Message.Type.headline);
            m.setFrom(r.address().getDomain());
            m.setTo(r.address());
            m.setSubject("Announcement");
            m.setBody(text);
            router.route(m);
            sent++;
        }
        return AdminResponse.ok(Map.of("recipients", sent));
    }
}
