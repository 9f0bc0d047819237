package org.rdex.server.rdex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a local partner file's decompressed size is at least, known before reading it: its length when it is not
 * gzip, else the gzip trailer's ISIZE. ISIZE is the size of the last member modulo 2^32 (RFC 1952), so the whole
 * file is never smaller than it: a file whose ISIZE is over the cap is over the cap, and is refused without
 * parsing. A file under it may still be larger; the reader's own count stops that one.
 */
public final class DecompressedSize {

    private DecompressedSize() {
    }

    /** A lower bound of the decompressed size of {@code file}, 0 when nothing can be said. */
    public static long atLeast(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer magic = ByteBuffer.allocate(2);
            channel.read(magic, 0);
            boolean gzip = magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b;
            if (!gzip) {
                return size;
            }
            if (size < 18) {
                return 0;
            }
            ByteBuffer isize = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(isize, size - 4);
            return isize.position() == 4 ? Integer.toUnsignedLong(isize.getInt(0)) : 0;
        }
    }

    /**
     * @throws RdexFormatException when {@code file} is known to be larger than {@code maxBytes} once decompressed
     */
    public static void check(Path file, long maxBytes) throws IOException {
        long known = atLeast(file);
        if (known > maxBytes) {
            throw new RdexFormatException("decompressed size exceeds the limit of " + maxBytes + " bytes (at least "
                    + known + " bytes, from the file's size or gzip trailer)");
        }
    }
}
