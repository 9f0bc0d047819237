package org.rdex.server.rdex;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * Re-encodes a stream in any charset as UTF-8, so that {@link XmlScanner} has one encoding to
 * know. Bytes that are not valid in the charset refuse the file (when the charset's errors are
 * reported), and so does a lone surrogate.
 */
final class Utf8Transcoder extends InputStream {

    private final Reader reader;
    private final String charset;
    private final char[] chars = new char[8192];
    private int charCount;
    private final byte[] out = new byte[3 * 8192 + 4];
    private int outPos;
    private int outLim;
    private boolean done;

    Utf8Transcoder(InputStream in, Charset charset, CodingErrorAction onError) {
        this.reader = new InputStreamReader(in, charset.newDecoder().onMalformedInput(onError)
                .onUnmappableCharacter(onError));
        this.charset = charset.name();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (outPos == outLim) {
            if (done) {
                return -1;
            }
            refill();
        }
        int n = Math.min(len, outLim - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }

    private void refill() throws IOException {
        int n;
        try {
            // charCount may hold a high surrogate left over from the previous chunk.
            n = reader.read(chars, charCount, chars.length - charCount);
        } catch (CharacterCodingException e) {
            throw new RdexFormatException("malformed XML: bytes that are not valid " + charset, e);
        }
        outPos = 0;
        outLim = 0;
        if (n < 0) {
            done = true;
            if (charCount > 0) {
                throw loneSurrogate();
            }
            return;
        }
        int end = charCount + n;
        int i = 0;
        int o = 0;
        while (i < end) {
            char c = chars[i];
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xC0 | c >> 6);
                out[o++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                if (Character.isLowSurrogate(c)) {
                    throw loneSurrogate();
                }
                if (i + 1 == end) {
                    break;
                }
                char low = chars[i + 1];
                if (!Character.isLowSurrogate(low)) {
                    throw loneSurrogate();
                }
                int cp = Character.toCodePoint(c, low);
                out[o++] = (byte) (0xF0 | cp >> 18);
                out[o++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[o++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[o++] = (byte) (0x80 | cp & 0x3F);
                i++;
            } else {
                out[o++] = (byte) (0xE0 | c >> 12);
                out[o++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[o++] = (byte) (0x80 | c & 0x3F);
            }
            i++;
        }
        charCount = end - i;
        if (charCount > 0) {
            chars[0] = chars[i];
        }
        outLim = o;
    }

    private RdexFormatException loneSurrogate() {
        return new RdexFormatException("malformed XML: unpaired surrogate in " + charset + " text");
    }
}
