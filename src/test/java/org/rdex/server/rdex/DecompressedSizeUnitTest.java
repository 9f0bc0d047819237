package org.rdex.server.rdex;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecompressedSizeUnitTest {

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void a_gzip_file_whose_trailer_announces_more_than_the_cap_is_refused_before_reading(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("big.xml.gz");
        Files.write(file, gzip(new byte[100_000]));
        assertEquals(100_000, DecompressedSize.atLeast(file));
        RdexFormatException refused = assertThrows(RdexFormatException.class,
                () -> DecompressedSize.check(file, 99_999));
        assertTrue(refused.getMessage().contains("exceeds the limit of 99999 bytes"), refused.getMessage());
        assertDoesNotThrow(() -> DecompressedSize.check(file, 100_000));
    }

    @Test
    void isize_is_read_unsigned_so_a_size_of_more_than_2_gib_modulo_2_32_is_not_negative(@TempDir Path dir)
            throws Exception {
        byte[] gz = gzip("x".getBytes(StandardCharsets.UTF_8));
        // ISIZE 0xF0000000 as a 3.75 GiB member would carry it.
        gz[gz.length - 1] = (byte) 0xF0;
        Path file = dir.resolve("f.gz");
        Files.write(file, gz);
        assertEquals(0xF000_0001L, DecompressedSize.atLeast(file));
        assertThrows(RdexFormatException.class, () -> DecompressedSize.check(file, 1L << 30));
        // Above 4 GiB the trailer wraps: it is only a lower bound, and says nothing against an 8 GiB cap.
        assertDoesNotThrow(() -> DecompressedSize.check(file, 8L << 30));
    }

    @Test
    void in_a_multi_member_file_the_last_members_size_is_a_lower_bound(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        two.write(gzip(new byte[50_000]));
        two.write(gzip(new byte[10]));
        Path file = dir.resolve("two.gz");
        Files.write(file, two.toByteArray());
        assertEquals(10, DecompressedSize.atLeast(file));
    }

    @Test
    void an_uncompressed_file_counts_its_length_and_a_truncated_gzip_says_nothing(@TempDir Path dir)
            throws Exception {
        Path xml = dir.resolve("f.xml");
        Files.writeString(xml, "<document/>");
        assertEquals(11, DecompressedSize.atLeast(xml));
        assertThrows(RdexFormatException.class, () -> DecompressedSize.check(xml, 10));
        Path stub = dir.resolve("stub.gz");
        Files.write(stub, new byte[] { 0x1f, (byte) 0x8b, 8 });
        assertEquals(0, DecompressedSize.atLeast(stub));
    }
}
