package org.rdex.server.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The import pipeline's memory does not grow with what a file holds: {@link HugeJourneysLoad} (about 1 GB
 * of journeys of 65,000-character values and million-character routes) runs in a JVM of 128 MiB heap.
 * Read whole, or read ahead 8 batches of 512 journeys as before, that file takes gigabytes.
 */
class BoundedImportMemoryUnitTest {

    @Test
    void a_file_of_huge_journeys_goes_through_the_pipeline_in_a_128_mib_heap() throws Exception {
        load("1");
    }

    @Test
    void a_file_of_huge_journeys_parsed_by_two_threads_goes_through_in_a_128_mib_heap() throws Exception {
        load("2");
    }

    private static void load(String parseThreads) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                HugeJourneysLoad.class.getName(), parseThreads).redirectErrorStream(true).start();
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the load ends by itself");
        } finally {
            p.destroyForcibly();
        }
        String output = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("accepted=0 rejected=" + HugeJourneysLoad.JOURNEYS + " "), output);
        assertTrue(output.contains("operator longer than 253 characters"), output);
        assertTrue(output.contains("journey longer than 2097152 characters"), output);
    }
}
