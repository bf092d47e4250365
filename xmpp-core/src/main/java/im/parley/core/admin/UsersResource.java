package im.parley.core.admin;

import im.parley.api.ServerInfo;
import im.parley.api.account.AccountException;
import im.parley.api.account.Accounts;
import im.parley.api.admin.AdminException;
import im.parley.api.admin.AdminRequest;
import im.parley.api.admin.AdminResource;
import im.parley.api.admin.AdminResponse;
import java.util.List;
import java.util.Map;
import org.xmpp.packet.JID;

/**
 * {@code /api/v1/users}: GET lists a domain's accounts ({@code ?domain=&offset=&limit=}), POST
 * creates one ({@code {"jid", "password"}}), DELETE {@code /users/<jid>} removes it, PUT
 * {@code /users/<jid>/password} sets a new password.
 */
final class UsersResource implements AdminResource {
    private final Accounts accounts;
    private final ServerInfo server;

    UsersResource(Accounts accounts, ServerInfo server) {
        this.accounts = accounts;
        this.server = server;
    }

    @Override
    public String name() {
        return "users";
    }

    @Override
    public AdminResponse handle(AdminRequest request) throws AdminException {
        try {
            if (request.is("GET", 0)) {
                String domain = request.query().getOrDefault("domain", server.domains().get(0));
                localDomain(domain);
                int offset = number(request, "offset", 0);
                int limit = Math.min(1000, number(request, "limit", 100));
                List<String> users = accounts.list(domain, offset, limit).stream().map(JID::toBareJID).toList();
                return AdminResponse.ok(Map.of("domain", domain, "total", accounts.count(domain), "offset", offset, "users", users));
            }
            if (request.is("POST", 0)) {
                JID jid = account(request.required("jid"));
                accounts.create(jid, request.required("password"));
                return AdminResponse.created(Map.of("jid", jid.toBareJID()));
            }
            if (request.is("DELETE", 1)) {
                accounts.delete(existing(request.path().get(0)));
                return AdminResponse.noContent();
            }
            if (request.is("PUT", 2) && "password".equals(request.path().get(1))) {
                accounts.changePassword(existing(request.path().get(0)), request.required("password"));
                return AdminResponse.noContent();
            }
            if (request.is("GET", 1)) {
                JID jid = existing(request.path().get(0));
                return AdminResponse.ok(Map.of("jid", jid.toBareJID()));
            }
        } catch (AccountException e) {
            throw switch (e.reason()) {
                case EXISTS -> AdminException.conflict(e.getMessage());
                case NOT_FOUND -> AdminException.notFound(e.getMessage());
                default -> AdminException.badRequest(e.getMessage());
            };
        }
        throw AdminException.notAllowed(request);
    }

    private static int number(AdminRequest request, String key, int fallback) throws AdminException {
        String text = request.query().get(key);
        try {
            int value = text == null ? fallback : Integer.parseInt(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw AdminException.badRequest("'" + key + "' must be a number of 0 or more");
        }
    }

    private void localDomain(String domain) throws AdminException {
        if (!server.isLocalDomain(domain)) {
            throw AdminException.notFound(domain + " is not served here; served: " + server.domains());
        }
    }

    private JID account(String text) throws AdminException {
        JID jid;
        try {
            jid = new JID(text);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("'" + text + "' is not a valid JID");
        }
        if (jid.getNode() == null || jid.getResource() != null) {
            throw AdminException.badRequest("'" + text + "' is not a bare user JID (user@domain)");
        }
        localDomain(jid.getDomain());
        return jid;
    }

    private JID existing(String text) throws AdminException {
        JID jid = account(text);
        if (!accounts.exists(jid)) {
            throw AdminException.notFound("no account " + jid.toBareJID());
        }
        return jid;
    }
}
