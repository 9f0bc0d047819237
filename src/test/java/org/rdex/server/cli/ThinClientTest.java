package org.rdex.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.rdex.server.key.KeyService;
import org.rdex.server.key.KeysCommand;
import org.rdex.server.partner.NewPartner;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.partner.PartnersCommand;
import org.rdex.server.support.Cli;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The quick path of {@code partners list} and {@code keys list} prints what the full command prints. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ThinClientTest {

    @ConfigProperty(name = "quarkus.management.test-port", defaultValue = "9001")
    int managementPort;
    @Inject
    PartnerService partners;
    @Inject
    KeyService keys;
    @Inject
    org.rdex.server.export.ExportStore store;

    private Optional<String> thin(String token, String... args) {
        System.setProperty("rdex.admin.token", token);
        System.setProperty("quarkus.management.port", String.valueOf(managementPort));
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Optional<Integer> exit = ThinClient.tryRun(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            return exit.map(code -> {
                assertEquals(0, code);
                return bytes.toString(StandardCharsets.UTF_8);
            });
        } finally {
            System.clearProperty("rdex.admin.token");
            System.clearProperty("quarkus.management.port");
        }
    }

    @Test
    void lists_partners_and_keys_through_the_running_server_as_the_full_commands_do() {
        partners.add(new NewPartner("thin-partner", "ThinCo", "https://thin.example/rdex.xml", List.of("thin.example"),
                "https://thin.example/", "ab".repeat(32)));
        keys.issue("thin-partner", List.of("127.0.0.1"), null);

        assertEquals(Cli.run(PartnersCommand.class, "list").out(), thin("test-admin-token", "partners", "list").orElseThrow());
        assertEquals(Cli.run(KeysCommand.class, "list").out(), thin("test-admin-token", "keys", "list").orElseThrow());
    }

    @Test
    void partners_check_through_the_running_server_prints_the_report_and_exits_1_on_a_failed_rule() {
        // Port 9 (discard) on loopback: nothing listens, so the download fails at once.
        partners.add(new NewPartner("thin-check", "ThinCo", "http://127.0.0.1:9/feed.xml.gz", List.of("thin.example"),
                null, null));
        System.setProperty("rdex.admin.token", "test-admin-token");
        System.setProperty("quarkus.management.port", String.valueOf(managementPort));
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Optional<Integer> exit = ThinClient.tryRun(new String[] { "partners", "check", "thin-check" },
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertEquals(Optional.of(1), exit);
            String thin = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(thin.startsWith("Check of partner thin-check at "), thin);
            assertTrue(thin.contains("FAIL  feed.download"), thin);
            Cli.Run full = Cli.run(org.rdex.server.check.PartnerCheckCommand.class, "thin-check");
            assertEquals(1, full.exit());
            // The same report but for its date.
            assertEquals(thin.substring(thin.indexOf(": ")), full.out().substring(full.out().indexOf(": ")));
            assertEquals(Optional.of(2), ThinClient.tryRun(new String[] { "partners", "check", "nobody-here" },
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        } finally {
            System.clearProperty("rdex.admin.token");
            System.clearProperty("quarkus.management.port");
        }
    }

    @Test
    void export_and_import_run_in_the_running_server_and_exit_as_the_full_commands_do() throws Exception {
        partners.add(new NewPartner("thin-import", "ThinImportCo", null, List.of("thin-import.example"), null, null));
        System.setProperty("rdex.admin.token", "test-admin-token");
        System.setProperty("quarkus.management.port", String.valueOf(managementPort));
        java.nio.file.Path file = java.nio.file.Files.createTempFile("thin", ".xml.gz");
        try {
            ByteArrayOutputStream exported = new ByteArrayOutputStream();
            assertEquals(Optional.of(0), ThinClient.tryRun(new String[] { "export" },
                    new PrintStream(exported, true, StandardCharsets.UTF_8)));
            String summary = exported.toString(StandardCharsets.UTF_8);
            assertTrue(summary.matches("(?s)exported \\d+ journeys, \\d+ bytes, .* s \\(run \\d+\\)\\R"), summary);
            long runId = Long.parseLong(summary.replaceAll("(?s).*\\(run (\\d+)\\).*", "$1"));
            assertEquals(runId, store.current().orElseThrow().runId(), "the server published the run it printed");

            try (java.io.OutputStream copy = java.nio.file.Files.newOutputStream(file)) {
                store.copyTo(runId, copy);
            }
            ByteArrayOutputStream imported = new ByteArrayOutputStream();
            // A relative path is the CLI's, resolved before it reaches the server.
            String relative = java.nio.file.Path.of("").toAbsolutePath().relativize(file).toString();
            assertEquals(Optional.of(0), ThinClient.tryRun(new String[] { "import", "--partner", "thin-import",
                    "--file=" + relative }, new PrintStream(imported, true, StandardCharsets.UTF_8)));
            String report = imported.toString(StandardCharsets.UTF_8);
            assertTrue(report.startsWith("partner:   thin-import\noutcome:   IMPORTED\nsource:    " + file + "\n"),
                    report);
            assertEquals(Optional.of(2), ThinClient.tryRun(new String[] { "import", "--partner", "nobody-here",
                    "--file", file.toString() }, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
            System.clearProperty("rdex.admin.token");
            System.clearProperty("quarkus.management.port");
        }
    }

    @Test
    void export_with_out_and_import_of_a_missing_file_or_with_unknown_options_run_in_full() {
        assertTrue(ThinClient.job(new String[] { "export", "--out", "x.xml.gz" }).isEmpty());
        assertTrue(ThinClient.job(new String[] { "import", "--all" }).isEmpty());
        assertTrue(ThinClient.job(new String[] { "import", "--partner", "p", "--file", "/no/such/file.xml" }).isEmpty());
        assertTrue(ThinClient.job(new String[] { "import", "--partner", "p", "--url", "https://a", "--url", "https://b" })
                .isEmpty());
        assertEquals(Optional.of(java.util.Map.of("partner", "p", "url", "https://a/f.xml")),
                ThinClient.job(new String[] { "import", "--partner=p", "--url", "https://a/f.xml" }));
    }

    @Test
    void falls_back_to_the_full_command_when_the_server_refuses_or_for_other_commands() {
        assertTrue(thin("wrong-token", "partners", "list").isEmpty());
        assertTrue(thin("test-admin-token", "partners", "remove", "x").isEmpty());
        assertTrue(thin("test-admin-token", "journeys", "list").isEmpty());
    }
}
