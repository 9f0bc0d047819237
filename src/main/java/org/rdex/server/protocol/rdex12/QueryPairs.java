package org.rdex.server.protocol.rdex12;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.FormPair;
import org.rdex.server.common.Texts;

/**
 * A query string or form body as sent: its raw {@code name=value} pairs in order (the signature covers these
 * bytes) and their decoded values by name. A name given twice, an undecodable pair or too many pairs is a
 * 400: two values for one signed parameter would leave which one counts to chance.
 */
record QueryPairs(List<String> raw, Map<String, String> values) {

    static final int MAX_PAIRS = 100;
    static final int MAX_NAME = 64;

    static QueryPairs parse(String text) {
        List<String> raw = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return new QueryPairs(raw, values);
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (raw.size() == MAX_PAIRS) {
                throw invalid("query", "has more than " + MAX_PAIRS + " parameters");
            }
            FormPair decoded;
            try {
                decoded = FormPair.decode(pair);
            } catch (IllegalArgumentException e) {
                throw invalid("query", "is not valid URL encoding");
            }
            String name = decoded.name();
            if (name.length() > MAX_NAME || Texts.hasControlCharacters(name, false)) {
                throw invalid("query", "has an unreadable parameter name");
            }
            if (values.putIfAbsent(name, decoded.value()) != null) {
                throw invalid(name, "is given more than once");
            }
            raw.add(pair);
        }
        return new QueryPairs(raw, values);
    }

    String get(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        String v = values.get(name);
        return v != null && !v.isEmpty();
    }

    /** True when any parameter name starts with {@code prefix}. */
    boolean hasPrefix(String prefix) {
        return values.keySet().stream().anyMatch(n -> n.startsWith(prefix));
    }

    /** The raw query without its {@code signature} pair, in the order sent: what the client signed. */
    String withoutSignature() {
        StringBuilder out = new StringBuilder();
        for (String pair : raw) {
            if (FormPair.decode(pair).name().equals("signature")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pair);
        }
        return out.toString();
    }

    static ApiException invalid(String field, String message) {
        return ApiException.invalid(List.of(new FieldError(field, message)));
    }

    static ApiException missing(String field) {
        return new ApiException(400, "missing_mandatory_field", field + " is required",
                List.of(new FieldError(field, "is required")), Map.of());
    }
}
