package im.parley.storage;

/**
 * Why the storage could not be opened: one message saying which database and what went wrong,
 * meant to be shown to the operator as it is.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
