package im.parley.api.admin;

/** A refused admin API call: a 4xx status and a message saying what is wrong; nothing was changed. */
public final class AdminException extends Exception {
    private final int status;

    public AdminException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static AdminException badRequest(String message) {
        return new AdminException(400, message);
    }

    public static AdminException notFound(String message) {
        return new AdminException(404, message);
    }

    public static AdminException conflict(String message) {
        return new AdminException(409, message);
    }

    /** The method is not served on this path. */
    public static AdminException notAllowed(AdminRequest request) {
        return new AdminException(405, request.method() + " is not supported here");
    }
}
