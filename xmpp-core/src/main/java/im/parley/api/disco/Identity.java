package im.parley.api.disco;

/** A disco#info identity (XEP-0030 §3.1), e.g. server/im or account/registered. */
public record Identity(String category, String type, String name) {
    public Identity {
        if (category == null || category.isBlank() || type == null || type.isBlank()) {
            throw new IllegalArgumentException("identity needs a category and a type");
        }
    }
}
