package org.rdex.server.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Tests are named by the layer they run in, so a reader (and {@code -Dtest=*UnitTest}) can tell them apart:
 * {@code *UnitTest} is plain JUnit, no Quarkus started; {@code *Test} is a {@code @QuarkusTest} against the
 * server and the embedded PostgreSQL; {@code *IT} runs the packaged jar.
 */
class TestNamesUnitTest {

    private static final Path TESTS = Path.of("src/test/java/org/rdex/server");
    private static final Pattern QUARKUS = Pattern.compile("^@Quarkus(Integration)?Test\\b", Pattern.MULTILINE);

    @Test
    void plain_tests_end_in_UnitTest_and_server_tests_do_not() throws IOException {
        List<Path> classes;
        try (Stream<Path> files = Files.walk(TESTS)) {
            classes = files.filter(f -> f.getFileName().toString().endsWith("Test.java")).toList();
        }
        assertTrue(classes.size() > 50, "test classes found: " + classes.size());
        List<String> misnamed = classes.stream().filter(f -> {
            try {
                boolean server = QUARKUS.matcher(Files.readString(f, StandardCharsets.UTF_8)).find();
                return server == f.getFileName().toString().endsWith("UnitTest.java");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).map(f -> TESTS.relativize(f).toString()).sorted().toList();
        assertEquals(List.of(), misnamed,
                "a @QuarkusTest ends in Test (not UnitTest); a plain JUnit test ends in UnitTest");
    }
}
