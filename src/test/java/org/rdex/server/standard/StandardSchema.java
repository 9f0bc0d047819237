package org.rdex.server.standard;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

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
}
