package org.rdex.server.rdex;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an XML byte stream into characters and, when the document has no DOCTYPE, inserts one
 * just before the root element. The JDK parser only validates documents that declare a DTD, and
 * a partner file without DOCTYPE must still be checked against our local DTD.
 *
 * <p>Decoding is done here (BOM, then the encoding named by the XML declaration) because the
 * parser ignores the declaration once it is handed a {@link Reader}. Only the prolog is buffered.
 */
final class DoctypeInjector {

    static final String INJECTED_SYSTEM_ID = "urn:rdex:local-dtd";
    private static final String INJECTED = "<!DOCTYPE document SYSTEM \"" + INJECTED_SYSTEM_ID + "\">";
    private static final int PROLOG_LIMIT = 1 << 20;
    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    /** The prepared characters plus where the insertion shifted columns. */
    record Prepared(Reader reader, int injectedLine, int injectedColumn, int injectedLength) {

        /** Maps a column reported by the parser back to the column in the original file. */
        int originalColumn(int line, int column) {
            if (injectedLength > 0 && line == injectedLine && column >= injectedColumn + injectedLength) {
                return column - injectedLength;
            }
            return column;
        }
    }

    private DoctypeInjector() {
    }

    static Prepared prepare(InputStream bytes) throws IOException {
        Reader reader = decode(bytes);
        StringBuilder head = new StringBuilder(1024);
        char[] chunk = new char[8192];
        int[] cursor = {0};
        boolean eof = false;
        int insertAt = -1;
        while (head.length() < PROLOG_LIMIT) {
            int state = scan(head, cursor, eof);
            if (state == DOCTYPE_FOUND) {
                break;
            }
            if (state == ROOT_FOUND) {
                insertAt = cursor[0];
                break;
            }
            if (eof) {
                break;
            }
            int n = reader.read(chunk);
            if (n < 0) {
                eof = true;
            } else {
                head.append(chunk, 0, n);
            }
        }
        int line = 1;
        int column = 1;
        if (insertAt >= 0) {
            for (int i = 0; i < insertAt; i++) {
                if (head.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            head.insert(insertAt, INJECTED);
        }
        Reader joined = new ConcatReader(head.toString(), reader);
        return new Prepared(joined, line, column, insertAt >= 0 ? INJECTED.length() : 0);
    }

    private static final int NEED_MORE = 0;
    private static final int DOCTYPE_FOUND = 1;
    private static final int ROOT_FOUND = 2;

    /**
     * Advances {@code cursor} over the XML declaration, whitespace, comments and processing
     * instructions. Stops at a DOCTYPE or at anything else (the root element, or garbage the
     * parser will report), or asks for more characters.
     */
    private static int scan(StringBuilder s, int[] cursor, boolean eof) {
        int i = cursor[0];
        while (true) {
            while (i < s.length() && isXmlSpace(s.charAt(i))) {
                i++;
            }
            cursor[0] = i;
            if (s.length() - i < 9 && !eof) {
                return NEED_MORE;
            }
            if (startsWith(s, i, "<!--")) {
                int end = s.indexOf("-->", i + 4);
                if (end < 0) {
                    return eof ? ROOT_FOUND : NEED_MORE;
                }
                i = end + 3;
            } else if (startsWith(s, i, "<?")) {
                int end = s.indexOf("?>", i + 2);
                if (end < 0) {
                    return eof ? ROOT_FOUND : NEED_MORE;
                }
                i = end + 2;
            } else if (startsWith(s, i, "<!DOCTYPE")) {
                return DOCTYPE_FOUND;
            } else {
                return ROOT_FOUND;
            }
        }
    }

    private static boolean startsWith(StringBuilder s, int at, String prefix) {
        return s.length() - at >= prefix.length() && s.indexOf(prefix, at) == at;
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** BOM first, then the declaration's encoding, else UTF-8; undecodable bytes are errors, not '?'. */
    private static Reader decode(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 8192);
        in.mark(1024);
        byte[] peek = in.readNBytes(1024);
        in.reset();
        int n = peek.length;
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (n >= 3 && (peek[0] & 0xFF) == 0xEF && (peek[1] & 0xFF) == 0xBB && (peek[2] & 0xFF) == 0xBF) {
            skip = 3;
        } else if (n >= 2 && (peek[0] & 0xFF) == 0xFE && (peek[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (n >= 2 && (peek[0] & 0xFF) == 0xFF && (peek[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (n >= 4 && peek[0] == 0 && peek[1] == '<' && peek[2] == 0 && peek[3] == '?') {
            charset = StandardCharsets.UTF_16BE;
        } else if (n >= 4 && peek[0] == '<' && peek[1] == 0 && peek[2] == '?' && peek[3] == 0) {
            charset = StandardCharsets.UTF_16LE;
        } else {
            charset = declaredCharset(new String(peek, 0, n, StandardCharsets.ISO_8859_1));
        }
        in.skipNBytes(skip);
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(in, decoder);
    }

    private static Charset declaredCharset(String head) throws RdexFormatException {
        if (!head.startsWith("<?xml")) {
            return StandardCharsets.UTF_8;
        }
        int end = head.indexOf("?>");
        if (end < 0) {
            return StandardCharsets.UTF_8;
        }
        Matcher m = ENCODING.matcher(head.substring(0, end));
        if (!m.find()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new RdexFormatException("unsupported encoding " + m.group(1), e);
        }
    }

    /** The buffered head, then the rest of the decoded stream. */
    private static final class ConcatReader extends Reader {
        private final String head;
        private final Reader tail;
        private int pos;

        ConcatReader(String head, Reader tail) {
            this.head = head;
            this.tail = tail;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos < head.length()) {
                int n = Math.min(len, head.length() - pos);
                head.getChars(pos, pos + n, buf, off);
                pos += n;
                return n;
            }
            return tail.read(buf, off, len);
        }

        @Override
        public void close() throws IOException {
            tail.close();
        }
    }
}
