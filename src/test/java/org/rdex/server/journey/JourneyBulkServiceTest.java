package org.rdex.server.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rdex.server.support.PostgresResource;
import org.rdex.server.support.TestJourneys;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class JourneyBulkServiceTest {

    @Inject
    JourneyBulkService bulk;
    @Inject
    JourneyService journeys;

    @Test
    void loads_json_lines_reports_bad_lines_and_replaces_existing_ids() throws Exception {
        String first = line("load-1", TestJourneys.punctualJson("2099-04-01"));
        String replaced = line("load-1", TestJourneys.punctualJson("2099-04-02"));
        String second = line("load-2", TestJourneys.regularJson());
        String invalid = line("load-3", TestJourneys.punctualJson("2099-04-01").replace("\"lat\": 43.2965", "\"lat\": 99"));
        Path file = Files.createTempFile("journeys", ".jsonl");
        Files.write(file, List.of(first, second, "not json", invalid, replaced));

        JourneyBulkService.LoadReport report = bulk.load(file);

        assertEquals(2, report.loaded());
        assertEquals(2, report.rejected().size(), report.rejected().toString());
        assertTrue(report.rejected().get(0).startsWith("3:"));
        assertTrue(report.rejected().get(1).startsWith("4:") && report.rejected().get(1).contains("from.lat"));
        assertEquals("2099-04-02", journeys.get("load-1").orElseThrow().punctual().date().toString());
        assertTrue(journeys.get("load-2").isPresent());
        assertTrue(journeys.get("load-3").isEmpty());

        // Loading again replaces rather than duplicates.
        assertEquals(2, bulk.load(file).loaded());
        assertEquals(1, Journey.count("externalId = ?1", "load-1"));
    }

    private static String line(String id, String json) {
        return "{\"id\": \"" + id + "\", " + json.strip().substring(1).replace("\n", " ");
    }
}
