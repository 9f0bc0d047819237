package org.rdex.server.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What an operator copies and reads before anything runs: the example environment files, the README's
 * production path, .gitignore, the Maven settings of dev mode. A wrong line there costs an operator a day and
 * no other test sees it.
 */
class OperatorFilesUnitTest {

    /** The ports the test suite listens on by default. */
    private static final Set<String> TEST_PORTS = Set.of("8081", "8444", "9001");

    private static Map<String, String> env(String file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("config", file))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    private static String read(String path) throws IOException {
        return Files.readString(Path.of(path));
    }

    @ParameterizedTest
    @ValueSource(strings = { "operator-a.env.example", "operator-b.env.example" })
    void the_example_env_file_names_the_dtd_setting_of_the_readme_and_uses_no_test_port(String file) throws IOException {
        Map<String, String> env = env(file);
        assertFalse(env.containsKey("RDEX_EXPORT_DTD_URL"), "the one DTD setting is RDEX_EXPORT_DTD_BASE_URL");
        String base = env.get("RDEX_EXPORT_DTD_BASE_URL");
        assertTrue(base != null && base.startsWith("https://" + env.get("RDEX_TLS_HOSTNAMES") + ":"
                + env.get("QUARKUS_HTTP_SSL_PORT") + "/rdex/"), "the server's own public address: " + base);
        assertFalse(env.containsKey("QUARKUS_HTTP_PORT"), "production is HTTPS only");
        for (String port : List.of("QUARKUS_HTTP_SSL_PORT", "QUARKUS_MANAGEMENT_PORT")) {
            assertFalse(TEST_PORTS.contains(env.get(port)), port + "=" + env.get(port) + " is a port of the test suite");
        }
    }

    @Test
    void the_two_operators_use_different_ports_and_data_directories() throws IOException {
        Map<String, String> a = env("operator-a.env.example");
        Map<String, String> b = env("operator-b.env.example");
        for (String key : List.of("QUARKUS_HTTP_SSL_PORT", "QUARKUS_MANAGEMENT_PORT", "RDEX_DATA_DIR")) {
            assertFalse(a.get(key).equals(b.get(key)), key);
        }
        assertEquals(a.keySet(), b.keySet(), "the same settings on both sides");
    }

    @Test
    void the_readme_names_one_dtd_setting_and_the_operators_commands() throws IOException {
        String readme = read("README.md");
        assertFalse(readme.contains("rdex.export.dtd-url"), "one DTD setting, rdex.export.dtd-base-url");
        assertTrue(readme.contains("scripts/run-operator.sh config/operator.env tls fingerprint"), "the operator's certificate");
        assertFalse(readme.contains("java -jar target/quarkus-app/quarkus-run.jar tls fingerprint"), "dev mode's certificate");
        assertTrue(readme.contains("--cacert"), "the HTTPS download of a self-signed server");
        assertTrue(readme.contains("partners set-key b --remove"), "removing a key is explicit");
        assertTrue(readme.contains("starts with no journeys"), readme);
        assertFalse(readme.contains(":8444/"), "operator B's example port is not the tests' HTTPS port");
        assertTrue(readme.contains("5005"), "dev mode's debugger port");
        for (String metric : List.of("rdex_export_duration_seconds", "rdex_export_failures_total", "rdex_relay_messages")) {
            assertTrue(readme.contains(metric), metric);
        }
    }

    @Test
    void the_docs_name_the_jar_that_exists_and_the_required_url() throws IOException {
        assertFalse(read("docs/retention.md").contains("quarkus-app.jar"), "the jar is quarkus-run.jar");
        assertTrue(read("docs/api.md").contains("`pseudonym` and `url`"), "url is required");
    }

    @Test
    void the_operators_env_files_are_ignored_by_git_and_dev_mode_asks_no_analytics_question() throws IOException {
        assertTrue(read(".gitignore").lines().anyMatch(l -> l.strip().equals("config/*.env")));
        assertTrue(read(".mvn/maven.config").contains("-Dquarkus.analytics.disabled=true"));
    }
}
