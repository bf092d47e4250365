package im.parley.api.admin;

/**
 * A collection in the admin REST API, served at {@code /api/v1/<name>} on the admin listener
 * after the request's token was checked. The core serves users, sessions, broadcast and status;
 * modules contribute theirs with {@code ctx.contribute(AdminResource.class, resource)} (group
 * chat serves rooms).
 */
public interface AdminResource {

    /** The first path segment, e.g. {@code "rooms"}. */
    String name();

    /** Handles one request; its body and answer are JSON (maps, lists, records, strings, numbers). */
    AdminResponse handle(AdminRequest request) throws AdminException;
}
