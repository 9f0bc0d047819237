package org.rdex.server.protocol.rdexplus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Plain unit test: why the tests validate against a copy of the document with one fix. */
class RdexPlusSchemaUnitTest {

    private static final String JOURNEY = """
            {"id":"j1","type":"planned","operator":"covoit.example.org","carpoolerType":"%s",
             "user":{"id":"u1","alias":"Camille"},"from":{"latitude":46.1,"longitude":-1.2},
             "to":{"latitude":45.8,"longitude":-1.2},"duration":1800,"outward":{"departureDate":4000000000}}""";

    @Test
    void the_published_carpooler_type_accepts_no_value() {
        for (String type : List.of("driver", "passenger", "both")) {
            assertFalse(RdexPlusSchema.validate(RdexPlusSchema.ORIGINAL, "#/components/schemas/Journey",
                    JOURNEY.formatted(type)).isEmpty(), type);
        }
    }

    @Test
    void the_fixed_document_accepts_driver_passenger_and_both_only() {
        for (String type : List.of("driver", "passenger", "both")) {
            assertEquals(List.of(), RdexPlusSchema.validate("#/components/schemas/Journey", JOURNEY.formatted(type)));
        }
        assertFalse(RdexPlusSchema.validate("#/components/schemas/Journey", JOURNEY.formatted("pilot")).isEmpty());
    }

    @Test
    void an_error_needs_a_listed_code() {
        assertEquals(List.of(), RdexPlusSchema.validate(RdexPlusSchema.ERROR, "{\"errorCode\":\"invalid_input\"}"));
        assertFalse(RdexPlusSchema.validate(RdexPlusSchema.ERROR, "{\"errorCode\":\"service_unavailable\"}").isEmpty());
    }
}
