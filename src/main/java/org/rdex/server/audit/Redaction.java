package org.rdex.server.audit;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The one place deciding what of an audited value is a secret. A field is replaced by {@code "[redacted]"}
 * when its name says it holds a key, token, secret, password or hash (whatever the nesting), and any text that
 * looks like one of our issued keys ({@code rdex_<id>_<secret>}) is cut to its id, wherever it appears: a
 * change that puts a secret under an innocent name still never reaches the audit table.
 */
public final class Redaction {

    public static final String REDACTED = "[redacted]";

    private static final Pattern SECRET_NAME = Pattern.compile(
            ".*(key|token|secret|password|passwd|hash|signature|private|apikey|credential).*");
    /** Names that contain "key" but hold no secret. */
    private static final Set<String> PUBLIC_NAMES = Set.of("keyid", "key_id", "id", "haskey", "outboundkeyset");
    private static final Pattern ISSUED_KEY = Pattern.compile("\\b(rdex_[A-Za-z0-9]+)_[A-Za-z0-9_-]{8,}");

    private Redaction() {
    }

    /** A redacted deep copy of {@code value} (null stays null). */
    public static JsonNode redact(JsonNode value) {
        if (value == null || value.isNull()) {
            return value;
        }
        JsonNode copy = value.deepCopy();
        return walk(copy);
    }

    /** Whether a field of this name is replaced whatever it holds. */
    public static boolean secretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return !PUBLIC_NAMES.contains(n) && SECRET_NAME.matcher(n).matches();
    }

    private static JsonNode walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (secretName(field.getKey()) && !field.getValue().isNull() && !field.getValue().isBoolean()) {
                    field.setValue(TextNode.valueOf(REDACTED));
                } else {
                    field.setValue(walk(field.getValue()));
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(array.get(i)));
            }
            return array;
        }
        if (node.isTextual()) {
            String text = node.asText();
            String cut = ISSUED_KEY.matcher(text).replaceAll("$1_" + REDACTED);
            return cut.equals(text) ? node : TextNode.valueOf(cut);
        }
        return node;
    }
}
