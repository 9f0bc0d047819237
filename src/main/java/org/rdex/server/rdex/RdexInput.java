package org.rdex.server.rdex;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens a partner file: gzip is recognised by its magic bytes (partners name files freely), and
 * the decompressed size is capped so that a gzip bomb stops after {@code maxBytes}, not after
 * filling the disk or the CPU.
 */
final class RdexInput {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private RdexInput() {
    }

    static InputStream open(InputStream raw, long maxBytes) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream decoded = in;
        if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
            try {
                decoded = new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), 64 * 1024);
            } catch (EOFException | ZipException e) {
                throw new RdexFormatException("corrupt or truncated gzip header: " + e.getMessage(), e);
            }
        }
        return new LimitedInputStream(decoded, maxBytes);
    }

    /** Counts bytes and turns decompression failures into {@link RdexFormatException}. */
    static final class LimitedInputStream extends FilterInputStream {
        private final long maxBytes;
        private long count;

        LimitedInputStream(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = in.read();
            } catch (EOFException | ZipException e) {
                throw corrupt(e);
            }
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(buf, off, len);
            } catch (EOFException | ZipException e) {
                throw corrupt(e);
            }
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Routed through read() so that skipped bytes are counted too.
            byte[] sink = new byte[(int) Math.min(n, 8192)];
            int r = read(sink, 0, sink.length);
            return Math.max(r, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void add(long n) throws RdexFormatException {
            count += n;
            if (count > maxBytes) {
                throw new RdexFormatException("decompressed size exceeds the limit of " + maxBytes + " bytes");
            }
        }

        private static RdexFormatException corrupt(IOException e) {
            return new RdexFormatException("corrupt or truncated gzip data: " + e.getMessage(), e);
        }
    }
}
