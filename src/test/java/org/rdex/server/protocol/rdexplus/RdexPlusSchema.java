package org.rdex.server.protocol.rdexplus;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

/**
 * Validates RDEX+ bodies against the reference document with networknt's OpenAPI 3.0 dialect, each schema
 * addressed by its JSON pointer inside the document so every {@code $ref} resolves in it. The document is
 * {@code RDEXplus_openapi.fixed.yaml}: the reference copied unchanged ({@code RDEXplus_openapi.yaml}) but for
 * {@code carpoolerType}, which as published accepts no value at all (see {@link RdexPlusSchemaUnitTest}).
 */
final class RdexPlusSchema {

    static final String ORIGINAL = "classpath:rdexplus/RDEXplus_openapi.yaml";
    static final String DOCUMENT = "classpath:rdexplus/RDEXplus_openapi.fixed.yaml";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());

    /** The 200 body of {@code GET /journeys}. */
    static final String JOURNEYS = "#/paths/~1journeys/get/responses/200/content/application~1json/schema";
    /** The body of {@code POST /messages}. */
    static final String MESSAGE = "#/paths/~1messages/post/requestBody/content/application~1json/schema";
    /** Every error body. */
    static final String ERROR = "#/components/schemas/Error";

    private RdexPlusSchema() {
    }

    /** The errors of {@code json} against the schema at {@code pointer} in the (fixed) document; empty when it conforms. */
    static List<Error> validate(String pointer, String json) {
        return validate(DOCUMENT, pointer, json);
    }

    static List<Error> validate(String document, String pointer, String json) {
        return REGISTRY.getSchema(SchemaLocation.of(document + pointer)).validate(json, InputFormat.JSON);
    }

    /** The error schema of {@code status} of {@code method path}, when the document declares it with content. */
    static String errorPointer(String path, String method, int status) {
        return "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method + "/responses/" + status
                + "/content/application~1json/schema";
    }
}
