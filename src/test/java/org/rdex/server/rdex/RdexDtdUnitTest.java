package org.rdex.server.rdex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RdexDtdUnitTest {

    @Test
    void classpath_dtds_are_byte_identical_to_the_documented_copies() throws IOException {
        for (RdexDtd dtd : RdexDtd.values()) {
            byte[] documented = Files.readAllBytes(Path.of("dtd", dtd.fileName()));
            try (InputStream in = dtd.open()) {
                assertArrayEquals(documented, in.readAllBytes(), dtd.fileName() + " drifted");
            }
        }
    }
}
