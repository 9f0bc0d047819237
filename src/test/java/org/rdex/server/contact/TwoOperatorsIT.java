package org.rdex.server.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Two operators on loopback, each a separate process of the packaged server with its own data directory
 * and ports: runs {@code scripts/two-operators.sh} (export, pinned HTTPS import, search, outbound contact,
 * relay to the owner's platform, key bound to another address refused; then live: A searches B over RDEX 1.2
 * and standard-covoiturage, contacts through each, a slow and a stopped partner leave the search fast and
 * whole) and checks it passed.
 */
class TwoOperatorsIT {

    @Test
    void two_operators_exchange_files_and_contact_each_others_users() throws Exception {
        assertTrue(Files.exists(Path.of("target/quarkus-app/quarkus-run.jar")), "package the server first");
        Path log = Files.createTempFile(Path.of("target"), "two-operators-", ".log");
        Process process = new ProcessBuilder("bash", "scripts/two-operators.sh")
                .redirectErrorStream(true).redirectOutput(log.toFile()).directory(new File(".")).start();
        boolean finished = process.waitFor(8, TimeUnit.MINUTES);
        if (!finished) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, "timed out:\n" + output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("TWO OPERATORS: OK"), output);
        assertTrue(output.contains("B's relay delivers it to B's platform"), output);
        assertTrue(output.contains("live search over RDEX 1.2 finds B's new journey"), output);
        assertTrue(output.contains("live search over standard-covoiturage finds B's new journey"), output);
        assertTrue(output.contains("contact over RDEX 1.2 delivered by B's relay"), output);
        assertTrue(output.contains("contact over standard-covoiturage delivered by B's relay"), output);
        assertTrue(output.contains("TWO OPERATORS LIVE: OK"), output);
    }
}
