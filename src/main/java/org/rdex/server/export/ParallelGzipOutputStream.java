package org.rdex.server.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream that compresses blocks on several threads, the way pigz does: each block is deflated on
 * its own with the previous block's last 32 KiB as dictionary and ends on a byte boundary (sync flush), so
 * the blocks concatenate into one ordinary gzip member that any gunzip reads. The XML writer keeps
 * producing while the blocks compress, and memory stays bounded by the number of blocks in flight.
 */
public final class ParallelGzipOutputStream extends OutputStream {

    /**
     * Below half a G1 region even on small heaps: larger arrays are allocated as "humongous" objects straight
     * in the old generation, where they pile up until a concurrent cycle and make the peak heap grow with
     * the length of the export.
     */
    private static final int BLOCK = 256 * 1024;
    private static final int DICTIONARY = 32 * 1024;
    private static final byte[] HEADER = { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff };

    private final OutputStream out;
    private final int level;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] block = new byte[BLOCK];
    private int used;
    private byte[] previousTail;
    private long total;
    private boolean finished;

    public ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
        this.out = out;
        this.level = level;
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "rdex-gzip");
            t.setDaemon(true);
            return t;
        });
        this.maxInFlight = n * 2;
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        if (used == block.length) {
            submit(false);
        }
        block[used++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        while (len > 0) {
            if (used == block.length) {
                submit(false);
            }
            int n = Math.min(len, block.length - used);
            System.arraycopy(bytes, off, block, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] data = block;
        int length = used;
        byte[] dictionary = previousTail;
        crc.update(data, 0, length);
        total += length;
        previousTail = length >= DICTIONARY ? Arrays.copyOfRange(data, length - DICTIONARY, length)
                : null;
        inFlight.add(pool.submit(() -> deflate(data, length, dictionary, last)));
        block = new byte[BLOCK];
        used = 0;
        while (inFlight.size() >= maxInFlight) {
            drainOne();
        }
    }

    private byte[] deflate(byte[] data, int length, byte[] dictionary, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(data, 0, length);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(length / 3 + 64);
            byte[] buffer = new byte[64 * 1024];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    compressed.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    compressed.write(buffer, 0, n);
                } while (n == buffer.length);
            }
            return compressed.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private void drainOne() throws IOException {
        try {
            out.write(inFlight.poll().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Compression interrupted");
        } catch (ExecutionException e) {
            throw new IOException("Compression failed", e.getCause());
        }
    }

    /** Writes the last block and the gzip trailer; does not close the underlying stream. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            submit(true);
            while (!inFlight.isEmpty()) {
                drainOne();
            }
            long crcValue = crc.getValue();
            byte[] trailer = new byte[8];
            for (int i = 0; i < 4; i++) {
                trailer[i] = (byte) (crcValue >>> (8 * i));
                trailer[4 + i] = (byte) (total >>> (8 * i));
            }
            out.write(trailer);
            out.flush();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Uncompressed bytes written so far. */
    public long uncompressedBytes() {
        return total + used;
    }

    @Override
    public void flush() {
        // Flushing mid-block would only make the output worse; finish() flushes.
    }

    /**
     * Stops the compression threads. Closing does not finish the gzip stream: a writer that failed half
     * way must not produce a well-formed file by accident. Call {@link #finish()} first on success.
     */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
