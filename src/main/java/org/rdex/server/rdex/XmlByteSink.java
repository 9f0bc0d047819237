package org.rdex.server.rdex;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 byte buffer with XML text escaping, written by hand because StAX and a Writer chain
 * cost more than the gzip that follows. Memory is one buffer that only grows for a single
 * oversized value, never with the number of journeys.
 */
final class XmlByteSink {

    private static final byte[] AMP = "&amp;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LT = "&lt;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GT = "&gt;".getBytes(StandardCharsets.US_ASCII);
    // Line breaks inside values become references so that the file stays on one line.
    private static final byte[] LF = "&#10;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CR = "&#13;".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private byte[] buf;
    private int pos;

    XmlByteSink(OutputStream out, int capacity) {
        this.out = out;
        this.buf = new byte[capacity];
    }

    int position() {
        return pos;
    }

    /** Drops what was written since {@code mark}; valid only if nothing was flushed since. */
    void rewind(int mark) {
        pos = mark;
    }

    /**
     * Makes room for {@code n} bytes so that writing them will not flush: what is written next can still
     * be rewound. Flushes what came before if needed, so the buffer never accumulates a whole file.
     */
    void reserveWithoutFlush(int n) throws IOException {
        ensure(n);
    }

    private void ensure(int n) throws IOException {
        if (pos + n > buf.length) {
            flushBuffer();
            if (n > buf.length) {
                buf = new byte[n];
            }
        }
    }

    void bytes(byte[] b) throws IOException {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    void ascii(char c) throws IOException {
        ensure(1);
        buf[pos++] = (byte) c;
    }

    /** Escaped character data; characters not allowed in XML 1.0 are dropped. */
    void text(String s) throws IOException {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            // Worst case per char is 5 bytes (&amp;), 4 for a surrogate pair.
            if (buf.length - pos < 6) {
                flushBuffer();
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20) {
                    if (c == '&') {
                        put(AMP);
                    } else if (c == '<') {
                        put(LT);
                    } else if (c == '>') {
                        put(GT);
                    } else {
                        buf[pos++] = (byte) c;
                    }
                } else if (c == '\t') {
                    buf[pos++] = (byte) c;
                } else if (c == '\n') {
                    put(LF);
                } else if (c == '\r') {
                    put(CR);
                }
                // other C0 controls are illegal in XML 1.0: dropped
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buf[pos++] = (byte) (0xF0 | (cp >> 18));
                    buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    buf[pos++] = (byte) (0x80 | (cp & 0x3F));
                }
                // unpaired high surrogate: dropped
            } else if (Character.isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                // unpaired low surrogate or non-character: illegal, dropped
            } else {
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    private void put(byte[] b) {
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    void number(long v) throws IOException {
        ensure(20);
        if (v < 0) {
            buf[pos++] = '-';
            if (v == Long.MIN_VALUE) {
                put("9223372036854775808".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            v = -v;
        }
        putDigits(v, 1);
    }

    void twoDigits(int v) throws IOException {
        ensure(2);
        buf[pos++] = (byte) ('0' + v / 10);
        buf[pos++] = (byte) ('0' + v % 10);
    }

    /** Writes {@code scaled / 10^decimals} with a dot, without trailing zeros ({@code 43.285}, {@code 5}). */
    void scaled(long scaled, int decimals) throws IOException {
        ensure(24);
        if (scaled < 0) {
            buf[pos++] = '-';
            scaled = -scaled;
        }
        long p = Coordinates.pow10(decimals);
        long intPart = scaled / p;
        long frac = scaled % p;
        putDigits(intPart, 1);
        if (frac != 0) {
            int width = decimals;
            while (frac % 10 == 0) {
                frac /= 10;
                width--;
            }
            buf[pos++] = '.';
            putDigits(frac, width);
        }
    }

    private void putDigits(long v, int minWidth) {
        int len = 1;
        for (long t = v; t >= 10; t /= 10) {
            len++;
        }
        len = Math.max(len, minWidth);
        int end = pos + len;
        for (int k = end - 1; k >= pos; k--) {
            buf[k] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos = end;
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    void flush() throws IOException {
        flushBuffer();
        out.flush();
    }
}
