package im.parley.api.admin;

import java.util.List;
import java.util.Map;

/**
 * One admin API call.
 *
 * @param method GET, POST, PUT or DELETE
 * @param path the path segments after the resource name, decoded ({@code /users/a@b/password} gives [a@b, password])
 * @param query query parameters
 * @param body the JSON object sent, empty for none
 */
public record AdminRequest(String method, List<String> path, Map<String, String> query, Map<String, Object> body) {
    public AdminRequest {
        path = List.copyOf(path);
        query = Map.copyOf(query);
        body = body == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
    }

    /** A string field of the body that must be there. */
    public String required(String field) throws AdminException {
        Object value = body.get(field);
        if (!(value instanceof String s) || s.isBlank()) {
            throw AdminException.badRequest("the body needs a string field '" + field + "'");
        }
        return s;
    }

    /** A string field of the body, or the fallback when it is absent. */
    public String optional(String field, String fallback) throws AdminException {
        Object value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw AdminException.badRequest("'" + field + "' must be a string");
        }
        return s;
    }

    /** Whether the call is the method on exactly this many path segments. */
    public boolean is(String method, int segments) {
        return this.method.equals(method) && path.size() == segments;
    }
}
