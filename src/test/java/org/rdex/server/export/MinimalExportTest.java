package org.rdex.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.rdex.server.journey.JourneyBulkService;
import org.rdex.server.rdex.RdexDtd;
import org.rdex.server.rdex.RdexValidator;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

@QuarkusTest
@TestProfile(MinimalExportTest.Minimal.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class MinimalExportTest {

    public static class Minimal implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rdex.export.minimal-dtd", "true", "rdex.export.include-image", "true");
        }
    }

    @Inject
    ExportService exports;
    @Inject
    JourneyBulkService bulk;

    @Test
    void minimal_mode_is_valid_against_the_specifications_own_dtd() throws IOException, Exception {
        bulk.generate(200, 11);
        Path copy = Files.createTempFile("minimal", ".xml.gz");
        ExportResult result = exports.export(Optional.of(copy));
        assertEquals(ExportResult.Status.PUBLISHED, result.status(), result.summary());

        RdexValidator.Result validation = new RdexValidator(RdexDtd.MINIMAL).validate(copy);
        assertTrue(validation.isValid(), validation.problems().toString());
        String xml;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(copy))) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String extension : new String[] { "<kilometers>", "<minutes>", "<image>", "<cost>", "<vehicle>" }) {
            assertFalse(xml.contains(extension), extension + " is not in the minimal DTD");
        }
    }
}
