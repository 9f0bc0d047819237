package org.rdex.server.protocol.standard;

import java.util.List;
import java.util.Locale;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import tools.jackson.databind.JsonNode;

/**
 * Validates response bodies against the reference document, {@code standard-covoiturage_openapi.yaml}
 * (copied unchanged into {@code src/test/resources/standard}), with networknt's OpenAPI 3.0 dialect: the
 * response schema is addressed by its JSON pointer inside the document, so every {@code $ref} resolves in it.
 */
final class StandardSchema {

    static final String DOCUMENT = "classpath:standard/standard-covoiturage_openapi.yaml";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());

    private StandardSchema() {
    }

    /** The error body of a 400: {@code {"error": "..."}}. */
    static final String BAD_REQUEST = "#/components/responses/BadRequest/content/application~1json/schema";

    /** The errors of {@code json} against the schema at {@code pointer} in the document. */
    static List<Error> validate(String pointer, String json) {
        return REGISTRY.getSchema(SchemaLocation.of(DOCUMENT + pointer)).validate(json, InputFormat.JSON);
    }

    /** The schema of {@code status}'s JSON response of {@code method path}. */
    static Schema response(String path, String method, int status) {
        String pointer = "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method + "/responses/"
                + status + "/content/application~1json/schema";
        return REGISTRY.getSchema(SchemaLocation.of(DOCUMENT + pointer));
    }

    /** The errors of {@code json} against that schema; empty when it conforms. */
    static List<Error> validate(String path, String method, int status, String json) {
        return response(path, method, status).validate(json, InputFormat.JSON);
    }

    /**
     * The playground's format check of one answer (kin-openapi's {@code ValidateResponse} with
     * {@code IncludeResponseStatus}): the status must be declared for the operation; when that response
     * declares JSON content, the answer's Content-Type must be JSON (a charset parameter is fine) and its body
     * must pass the schema. {@code path} is the document's path template. Empty when the answer conforms.
     */
    static List<String> format(String path, String method, int status, String contentType, String body) {
        String operation = "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method + "/responses";
        JsonNode responses = REGISTRY.getSchema(SchemaLocation.of(DOCUMENT + operation)).getSchemaNode();
        String pointer = operation + "/" + status;
        JsonNode response = responses.get(Integer.toString(status));
        if (response == null) {
            return List.of("status " + status + " is not declared for " + method.toUpperCase(Locale.ROOT) + " " + path);
        }
        if (response.has("$ref")) {
            pointer = response.get("$ref").asString();
            response = REGISTRY.getSchema(SchemaLocation.of(DOCUMENT + pointer)).getSchemaNode();
        }
        if (!response.path("content").has("application/json")) {
            return List.of();
        }
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json")) {
            return List.of("Content-Type " + contentType + " is not the declared application/json");
        }
        return REGISTRY.getSchema(SchemaLocation.of(DOCUMENT + pointer + "/content/application~1json/schema"))
                .validate(body, InputFormat.JSON).stream().map(Object::toString).toList();
    }
}
