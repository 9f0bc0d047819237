package org.rdex.server.rdex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The UTF-8 bytes of one text value, reused from value to value. Bytes past the cap are dropped:
 * the cap is set so that a value reaching it is over its character limit in any case, which
 * bounds memory by the largest allowed value, not by what a partner sends.
 *
 * <p>While the value is ASCII ({@link #isAscii()}), this is also a {@link CharSequence} of it, so
 * that numbers, dates and times are parsed without making a String first.
 */
final class TextBuffer implements CharSequence {

    private byte[] own = new byte[256];
    /** Either own, or a range of the scanner's buffer ({@link #borrow}). */
    private byte[] data = own;
    private int offset;
    private int length;
    private int cap;
    private boolean truncated;
    private boolean nonAscii;

    /** Empties the buffer for a value of at most {@code maxChars} UTF-16 units. */
    void reset(long maxChars) {
        data = own;
        offset = 0;
        length = 0;
        truncated = false;
        nonAscii = false;
        // A UTF-16 unit takes at most 3 UTF-8 bytes, so more than 3 * max bytes is too long anyway.
        cap = (int) Math.min(3 * maxChars + 3, Integer.MAX_VALUE - 16);
    }

    /**
     * Views ASCII bytes of another array instead of copying them: the common value, plain text
     * whole in the scanner's buffer. Valid until the scanner reads on, so it must be used first.
     */
    void borrow(byte[] src, int off, int len) {
        data = src;
        offset = off;
        length = len;
        truncated = false;
        nonAscii = false;
    }

    void append(byte[] src, int off, int len) {
        int n = Math.min(len, cap - length);
        if (n < len) {
            truncated = true;
        }
        if (length + n > own.length) {
            grow(length + n);
        }
        System.arraycopy(src, off, own, length, n);
        length += n;
    }

    void appendNonAscii(byte[] src, int off, int len) {
        nonAscii = true;
        append(src, off, len);
    }

    void append(byte b) {
        if (length == cap) {
            truncated = true;
            return;
        }
        if (length == own.length) {
            grow(length + 1);
        }
        own[length++] = b;
    }

    void appendCodePoint(int cp) {
        if (cp < 0x80) {
            append((byte) cp);
            return;
        }
        byte[] utf8 = new byte[4];
        int n;
        if (cp < 0x800) {
            utf8[0] = (byte) (0xC0 | cp >> 6);
            n = 1;
        } else if (cp < 0x10000) {
            utf8[0] = (byte) (0xE0 | cp >> 12);
            utf8[1] = (byte) (0x80 | cp >> 6 & 0x3F);
            n = 2;
        } else {
            utf8[0] = (byte) (0xF0 | cp >> 18);
            utf8[1] = (byte) (0x80 | cp >> 12 & 0x3F);
            utf8[2] = (byte) (0x80 | cp >> 6 & 0x3F);
            n = 3;
        }
        utf8[n] = (byte) (0x80 | cp & 0x3F);
        appendNonAscii(utf8, 0, n + 1);
    }

    private void grow(int min) {
        own = Arrays.copyOf(own, (int) Math.min(Math.max(min, 2L * own.length), Integer.MAX_VALUE - 16));
        data = own;
    }

    /** Same bytes as {@code other}, a copy made by {@link #toBytes()}. */
    boolean contentEquals(byte[] other) {
        return other.length - 8 == length && XmlScanner.sameBytes(data, offset, other, 0, length);
    }

    /** A copy of the bytes, with 8 spare bytes so that it is compared a word at a time. */
    byte[] toBytes() {
        byte[] copy = new byte[length + 8];
        System.arraycopy(data, offset, copy, 0, length);
        return copy;
    }

    boolean isAscii() {
        return !nonAscii;
    }

    /** True when the text has more than {@code maxChars} UTF-16 units. */
    boolean isOver(long maxChars) {
        if (truncated) {
            return true;
        }
        if (length <= maxChars) {
            return false;
        }
        long chars = 0;
        for (int i = 0; i < length; i++) {
            int b = data[offset + i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                // A four-byte sequence is a surrogate pair: two units.
                chars += (b & 0xF8) == 0xF0 ? 2 : 1;
            }
        }
        return chars > maxChars;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return (char) (data[offset + index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(data, offset + start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** The text (decoded from UTF-8). */
    @Override
    public String toString() {
        return new String(data, offset, length, nonAscii ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }
}
