package org.rdex.server.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

class ParallelGzipOutputStreamUnitTest {

    @Test
    void output_spanning_many_blocks_is_one_ordinary_gzip_stream() throws IOException {
        // Compressible but not trivial text, over several 1 MiB blocks and not a multiple of the block size.
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder text = new StringBuilder();
        while (text.length() < 3_500_000) {
            text.append("<journey><uuid>").append(random.nextLong()).append("</uuid><name>n")
                    .append(random.nextInt(1000)).append("</name></journey>");
        }
        byte[] plain = text.toString().getBytes();
        assertArrayEquals(plain, gunzip(gzip(plain, 3)));
        assertArrayEquals(plain, gunzip(gzip(plain, 1)));
    }

    @Test
    void empty_input_is_a_valid_empty_gzip() throws IOException {
        assertArrayEquals(new byte[0], gunzip(gzip(new byte[0], 2)));
    }

    private static byte[] gzip(byte[] plain, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(out, 6, threads)) {
            // Uneven writes exercise the block boundary.
            int offset = 0;
            int step = 7919;
            while (offset < plain.length) {
                int n = Math.min(step, plain.length - offset);
                gz.write(plain, offset, n);
                offset += n;
            }
            gz.finish();
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
