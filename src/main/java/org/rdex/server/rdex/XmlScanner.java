package org.rdex.server.rdex;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A pull scanner for partner XML, written for {@link RdexReader} and safe by construction.
 *
 * <p>It knows the XML declaration, comments, processing instructions, CDATA sections, character
 * references, the five predefined entities, elements and (well-formed but otherwise ignored)
 * attributes, and nothing else. There is no entity table and no resolver: a DOCTYPE is skipped
 * without being interpreted, so nothing it declares exists, no external DTD or entity can ever be
 * fetched, and any reference other than {@code &lt; &gt; &amp; &apos; &quot;} and character
 * references refuses the file. Names, nesting depth and attributes per element are bounded; text
 * is only kept when the caller asks for it, up to the caller's cap, so memory does not grow with
 * the file.
 *
 * <p>It works on UTF-8 bytes. A file in another encoding (named by its declaration, or UTF-16/32
 * recognised by its first bytes as XML's appendix F describes) is transcoded to UTF-8 on the fly
 * first. Any violation ends the read with {@link RdexFormatException} naming line and column
 * (the column counts bytes).
 *
 * <p>Element names are namespace-checked (a prefix must be bound by an {@code xmlns:} attribute in
 * scope) and matched on their local part through a {@link NameTable}, without allocating. Names
 * outside ASCII are accepted as name characters whatever their Unicode category.
 */
final class XmlScanner {

    /** Resolves the local part of an element name to a caller-defined id, or {@link #UNKNOWN}. */
    interface NameTable {
        /**
         * @param key0 the last 8 bytes of the name, case-folded ({@link #fold}), big-endian;
         *             valid only when {@code ascii}
         * @param key1 the 8 bytes before those
         */
        int lookup(byte[] name, int from, int to, long key0, long key1, boolean ascii);
    }

    static final int UNKNOWN = -1;
    static final int MAX_DEPTH = 64;
    static final int MAX_NAME_BYTES = 1000;
    static final int MAX_ATTRIBUTES = 256;
    /** Namespace prefixes bound at once: each prefixed name is looked up among them. */
    static final int MAX_PREFIXES = 64;

    private static final int BUFFER = 64 * 1024;
    private static final byte[] XMLNS = {'x', 'm', 'l', 'n', 's'};
    /** Eight bytes of an array as a long, first byte lowest: lets text be searched a word at a time. */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    // Byte classes of character data: everything but PLAIN leaves the fast loop.
    private static final byte PLAIN = 0;
    private static final byte LT = 1;
    private static final byte AMP = 2;
    private static final byte LF = 3;
    private static final byte CR = 4;
    private static final byte RSQB = 5;
    private static final byte BAD = 6;
    private static final byte HIGH = 7;
    private static final byte[] TEXT_CLASS = new byte[256];

    // Byte classes of names.
    private static final byte NOT_NAME = 0;
    private static final byte NAME_CHAR = 1;
    private static final byte NAME_START = 2;
    private static final byte NAME_HIGH = 3;
    private static final byte[] NAME_CLASS = new byte[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            TEXT_CLASS[c] = BAD;
        }
        TEXT_CLASS['\t'] = PLAIN;
        TEXT_CLASS['\n'] = LF;
        TEXT_CLASS['\r'] = CR;
        TEXT_CLASS['<'] = LT;
        TEXT_CLASS['&'] = AMP;
        TEXT_CLASS[']'] = RSQB;
        for (int c = 0x80; c < 0x100; c++) {
            TEXT_CLASS[c] = HIGH;
            NAME_CLASS[c] = NAME_HIGH;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            NAME_CLASS[c] = NAME_START;
            NAME_CLASS[c - 32] = NAME_START;
        }
        NAME_CLASS['_'] = NAME_START;
        NAME_CLASS[':'] = NAME_START;
        for (int c = '0'; c <= '9'; c++) {
            NAME_CLASS[c] = NAME_CHAR;
        }
        NAME_CLASS['-'] = NAME_CHAR;
        NAME_CLASS['.'] = NAME_CHAR;
    }

    private final NameTable table;
    private InputStream in;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private boolean eof;
    /** Absolute offset of {@code buf[0]}, and of the current line's first byte, for messages. */
    private long bufBase;
    private long lineStart;
    private int line = 1;

    /** Qualified names of the open elements, back to back; {@code nameEnd[d]} ends the one at depth d. */
    private byte[] names = new byte[1024];
    private final int[] nameEnd = new int[MAX_DEPTH + 1];
    private final int[] localStart = new int[MAX_DEPTH + 1];
    private int depth;
    private int nameId = UNKNOWN;

    // Guesses of the next start tag, by ids of the parent and the previous sibling (UNKNOWN is -1).
    private static final int GUESS_BITS = 6;
    private static final int GUESS_IDS = 1 << GUESS_BITS;
    private final int[] idAt = new int[MAX_DEPTH + 1];
    private final int[] lastChild = new int[MAX_DEPTH + 1];
    /** The name as written, with 8 spare bytes for word-wise comparison. */
    private final byte[][] guessName = new byte[GUESS_IDS * GUESS_IDS][];
    private final int[] guessId = new int[GUESS_IDS * GUESS_IDS];
    /** The current start tag was {@code <x/>}: its end is reported by the next call. */
    private boolean pendingEnd;

    /** Namespace prefixes bound by xmlns:p attributes, with the depth of the element that binds them. */
    private byte[] prefixes = new byte[64];
    private int[] prefixEnd = new int[8];
    private int[] prefixDepth = new int[8];
    private int prefixCount;

    /** Attribute names of the current start tag, for the duplicate check. */
    private byte[] attrNames = new byte[256];
    private final int[] attrEnd = new int[MAX_ATTRIBUTES + 1];
    private final int[] attrColon = new int[MAX_ATTRIBUTES + 1];

    private final byte[] scratch = new byte[MAX_NAME_BYTES + 4];
    private int scannedColon;
    private long scannedKey0;
    private long scannedKey1;
    private boolean scannedAscii;
    /** Bytes offered to the current text buffer, kept or not: tells whether a segment had text. */
    private long offered;

    XmlScanner(InputStream in, NameTable table) {
        this.in = in;
        this.table = table;
        Arrays.fill(idAt, UNKNOWN);
        Arrays.fill(lastChild, UNKNOWN);
    }

    /**
     * Case-folds a byte of an ASCII name: OR-ing 0x20 folds the letters and leaves the other
     * characters an ASCII local name can hold (digits - . _) distinct.
     */
    static int fold(int b) {
        return (b | 0x20) & 0xFF;
    }

    // ---------------------------------------------------------------------------------------------
    // The caller's view

    /** Reads the prolog and the root's start tag; {@link #nameId()} then names the root. */
    void startDocument() throws IOException {
        Charset fixedEncoding = detectEncoding();
        if (startsWith("<?xml") && ensure(6) && isSpace(buf[pos + 5])) {
            pos += 5;
            xmlDeclaration(fixedEncoding);
        }
        boolean doctype = false;
        while (true) {
            skipSpaces();
            if (!ensure(1)) {
                throw error("premature end of file: no root element");
            }
            if (buf[pos] != '<') {
                throw error("content is not allowed before the root element");
            }
            pos++;
            if (!ensure(1)) {
                throw eofError();
            }
            byte c = buf[pos];
            if (c == '?') {
                pos++;
                processingInstruction();
            } else if (c == '!') {
                pos++;
                if (match("--")) {
                    comment();
                } else if (match("DOCTYPE")) {
                    if (doctype) {
                        throw error("a second DOCTYPE");
                    }
                    doctype = true;
                    doctype();
                } else {
                    throw error("only a comment or a DOCTYPE may start with '<!' before the root element");
                }
            } else {
                startTag(true);
                return;
            }
        }
    }

    /** After the root's end tag: only comments, processing instructions and whitespace may follow. */
    void endDocument() throws IOException {
        if (depth != 0) {
            throw new IllegalStateException("root element still open");
        }
        while (true) {
            skipSpaces();
            if (!ensure(1)) {
                return;
            }
            if (buf[pos] != '<') {
                throw error("content is not allowed after the root element");
            }
            pos++;
            if (match("?")) {
                processingInstruction();
            } else if (match("!--")) {
                comment();
            } else {
                throw error("only comments and processing instructions may follow the root element");
            }
        }
    }

    /**
     * Moves to the next child of the current element, skipping text, comments and processing
     * instructions. True at a child's start tag, false at the current element's end tag.
     */
    boolean nextChild() throws IOException {
        // Fast path: a tag right here, as in files without indentation.
        int p = pos;
        if (!pendingEnd && p + 1 < lim && buf[p] == '<') {
            byte c = buf[p + 1];
            if (c == '/') {
                pos = p + 2;
                endTag();
                return false;
            }
            if (NAME_CLASS[c & 0xFF] == NAME_START && c != ':') {
                pos = p + 1;
                startTag(true);
                return true;
            }
        }
        return advance(null, true);
    }

    /** Id of the element whose start tag was just read. */
    int nameId() {
        return nameId;
    }

    /** Local name of the element whose start tag was just read, as written. */
    String localName() {
        int from = localStart[depth];
        return new String(names, from, nameEnd[depth] - from, StandardCharsets.UTF_8);
    }

    /** Skips the element whose start tag was just read, with its whole subtree; checks it all the same. */
    void skipElement() throws IOException {
        int target = depth - 1;
        while (depth > target) {
            advance(null, false);
        }
    }

    /**
     * Reads the content of the element whose start tag was just read, up to and including its end
     * tag, into {@code out} (normalised: references resolved, line ends as LF). Returns null, or the
     * last problem seen: text longer than {@code maxChars} UTF-16 units, or a child element (which
     * is skipped). {@code out} may view this scanner's buffer: use it before the next call.
     */
    String readText(TextBuffer out, long maxChars) throws IOException {
        if (!pendingEnd) {
            // Fast path: plain ASCII text and the end tag, whole in the buffer; out views it there.
            final byte[] b = buf;
            final int start = pos;
            int p = start;
            p = plainRun(b, p, lim);
            if (p - start <= maxChars && p + 1 < lim && b[p] == '<' && b[p + 1] == '/') {
                int end = closingTagEnd(p + 2);
                if (end >= 0) {
                    out.borrow(b, start, p - start);
                    pos = end;
                    pop();
                    return null;
                }
            }
        }
        out.reset(maxChars);
        String problem = null;
        boolean over = false;
        int self = depth;
        while (true) {
            long before = offered;
            boolean start = advance(out, false);
            if (offered != before && (over || out.isOver(maxChars))) {
                over = true;
                problem = "longer than " + maxChars + " characters";
            }
            if (!start) {
                return problem;
            }
            if (depth == self + 1) {
                problem = "contains an element <" + localName() + ">";
                skipElement();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Content

    /** Scans to the next start tag (true, pushed) or end tag (false, popped), appending text to out. */
    private boolean advance(TextBuffer out, boolean lookup) throws IOException {
        if (pendingEnd) {
            pendingEnd = false;
            pop();
            return false;
        }
        while (true) {
            content(out);
            if (!ensure(1)) {
                throw eofError();
            }
            byte c = buf[pos];
            if (c == '/') {
                pos++;
                endTag();
                return false;
            } else if (c == '?') {
                pos++;
                processingInstruction();
            } else if (c == '!') {
                pos++;
                if (match("--")) {
                    comment();
                } else if (match("[CDATA[")) {
                    cdata(out);
                } else {
                    throw error("only a comment or a CDATA section may start with '<!' here");
                }
            } else {
                startTag(lookup);
                return true;
            }
        }
    }

    /** Character data up to the next '<', which is consumed; appended to out unless null. */
    private void content(TextBuffer out) throws IOException {
        while (true) {
            final byte[] b = buf;
            final int l = lim;
            int p = pos;
            int start = p;
            p = plainRun(b, p, l);
            int c = p < l ? TEXT_CLASS[b[p] & 0xFF] : PLAIN;
            if (out != null && p > start) {
                offered += p - start;
                out.append(b, start, p - start);
            }
            pos = p;
            if (p == l) {
                if (!fill()) {
                    throw eofError();
                }
                continue;
            }
            switch (c) {
                case LT -> {
                    pos = p + 1;
                    return;
                }
                case AMP -> {
                    pos = p + 1;
                    reference(out);
                }
                case LF -> {
                    newline(p);
                    pos = p + 1;
                    appendByte(out, '\n');
                }
                case CR -> {
                    carriageReturn();
                    appendByte(out, '\n');
                }
                case RSQB -> {
                    if (ensure(3) && buf[pos + 1] == ']' && buf[pos + 2] == '>') {
                        throw error("']]>' is not allowed in character data");
                    }
                    pos++;
                    appendByte(out, ']');
                }
                case HIGH -> {
                    int n = utf8Length();
                    if (out != null) {
                        offered += n;
                        out.appendNonAscii(buf, pos, n);
                    }
                    pos += n;
                }
                default -> throw invalidChar(b[p] & 0xFF);
            }
        }
    }

    /**
     * The first index from {@code p} (below {@code l}) whose byte is not PLAIN text, or {@code l}.
     * Eight bytes at a time: a word without a control character, a byte of 0x80 or more, '<',
     * '&' or ']' is skipped whole (the tab, PLAIN though below 0x20, is checked by the byte loop).
     */
    private static int plainRun(byte[] b, int p, int l) {
        while (p + 8 <= l) {
            long x = (long) WORD.get(b, p);
            long special = (x - 0x2020202020202020L) | x | zeroBytes(x ^ 0x3C3C3C3C3C3C3C3CL)
                    | zeroBytes(x ^ 0x2626262626262626L) | zeroBytes(x ^ 0x5D5D5D5D5D5D5D5DL);
            special &= HIGHS;
            if (special != 0) {
                p += Long.numberOfTrailingZeros(special) >>> 3;
                break;
            }
            p += 8;
        }
        while (p < l && TEXT_CLASS[b[p] & 0xFF] == PLAIN) {
            p++;
        }
        return p;
    }

    /**
     * High bit set in (at least) the lowest byte of {@code v} that is zero; bytes above a zero byte
     * may be flagged falsely, which only makes the caller look at them one by one.
     */
    private static long zeroBytes(long v) {
        return (v - ONES) & ~v;
    }

    private void appendByte(TextBuffer out, char c) {
        if (out != null) {
            offered++;
            out.append((byte) c);
        }
    }

    /** After '&': a character reference or a predefined entity; any other entity refuses the file. */
    private void reference(TextBuffer out) throws IOException {
        if (!ensure(1)) {
            throw eofError();
        }
        if (buf[pos] == '#') {
            pos++;
            int cp = characterReference();
            if (out != null) {
                offered++;
                out.appendCodePoint(cp);
            }
            return;
        }
        int n = 0;
        while (true) {
            if (!ensure(1)) {
                throw eofError();
            }
            int c = buf[pos] & 0xFF;
            if (c == ';') {
                break;
            }
            int k = NAME_CLASS[c];
            if (k == NOT_NAME || (n == 0 && k == NAME_CHAR)) {
                throw error(n == 0 ? "'&' must start a reference; write &amp; for a literal '&'"
                        : "the reference &" + new String(scratch, 0, n, StandardCharsets.UTF_8)
                                + " must end with ';'");
            }
            int len = k == NAME_HIGH ? utf8Length() : 1;
            if (n + len > MAX_NAME_BYTES) {
                throw error("entity name longer than " + MAX_NAME_BYTES + " bytes");
            }
            System.arraycopy(buf, pos, scratch, n, len);
            n += len;
            pos += len;
        }
        pos++;
        byte value = predefined(scratch, n);
        if (value == 0) {
            throw error("entity reference &" + new String(scratch, 0, n, StandardCharsets.UTF_8)
                    + "; refused: only &lt; &gt; &amp; &apos; &quot; and character references are allowed");
        }
        if (out != null) {
            offered++;
            out.append(value);
        }
    }

    private static byte predefined(byte[] s, int n) {
        if (n == 2 && s[1] == 't') {
            return s[0] == 'l' ? (byte) '<' : s[0] == 'g' ? (byte) '>' : 0;
        }
        if (n == 3 && s[0] == 'a' && s[1] == 'm' && s[2] == 'p') {
            return '&';
        }
        if (n == 4 && s[0] == 'a' && s[1] == 'p' && s[2] == 'o' && s[3] == 's') {
            return '\'';
        }
        if (n == 4 && s[0] == 'q' && s[1] == 'u' && s[2] == 'o' && s[3] == 't') {
            return '"';
        }
        return 0;
    }

    /** After "&#": digits and ';'. Returns the code point, which must be a legal XML character. */
    private int characterReference() throws IOException {
        if (!ensure(1)) {
            throw eofError();
        }
        int radix = 10;
        if (buf[pos] == 'x') {
            radix = 16;
            pos++;
        }
        int value = 0;
        int digits = 0;
        while (true) {
            if (!ensure(1)) {
                throw eofError();
            }
            int c = buf[pos];
            if (c == ';') {
                break;
            }
            int d = Character.digit(c, radix);
            if (d < 0) {
                throw error("invalid character reference");
            }
            // Clamped: any value past the last code point is as wrong as the next one.
            value = Math.min(value * radix + d, 0x110000);
            digits++;
            pos++;
        }
        pos++;
        if (digits == 0 || !isXmlChar(value)) {
            throw error("character reference to an illegal XML character"
                    + (digits == 0 ? "" : " (U+" + Integer.toHexString(value).toUpperCase() + ")"));
        }
        return value;
    }

    static boolean isXmlChar(int cp) {
        return cp >= 0x20 ? cp <= 0xD7FF || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF)
                : cp == 0x9 || cp == 0xA || cp == 0xD;
    }

    /** After "<![CDATA[": raw text up to "]]>", appended to out unless null. */
    private void cdata(TextBuffer out) throws IOException {
        while (true) {
            if (!ensure(1)) {
                throw eofError();
            }
            int c = buf[pos] & 0xFF;
            if (c == ']' && ensure(3) && buf[pos + 1] == ']' && buf[pos + 2] == '>') {
                pos += 3;
                return;
            }
            if (c >= 0x20 && c < 0x80 || c == '\t') {
                pos++;
                appendByte(out, (char) c);
            } else if (c == '\n') {
                newline(pos);
                pos++;
                appendByte(out, '\n');
            } else if (c == '\r') {
                carriageReturn();
                appendByte(out, '\n');
            } else if (c >= 0x80) {
                int n = utf8Length();
                if (out != null) {
                    offered += n;
                    out.appendNonAscii(buf, pos, n);
                }
                pos += n;
            } else {
                throw invalidChar(c);
            }
        }
    }

    /** After "<!--": up to "-->"; "--" is not allowed inside. */
    private void comment() throws IOException {
        while (true) {
            if (!ensure(1)) {
                throw eofError();
            }
            if (buf[pos] == '-' && ensure(2) && buf[pos + 1] == '-') {
                if (!ensure(3)) {
                    throw eofError();
                }
                if (buf[pos + 2] != '>') {
                    throw error("'--' is not allowed inside a comment");
                }
                pos += 3;
                return;
            }
            skipChar();
        }
    }

    /** After "<?": a target other than xml, then anything up to "?>". */
    private void processingInstruction() throws IOException {
        int n = scanName(scratch, 0, MAX_NAME_BYTES);
        if (n == 3 && (scratch[0] | 0x20) == 'x' && (scratch[1] | 0x20) == 'm' && (scratch[2] | 0x20) == 'l') {
            throw error("the XML declaration is only allowed at the very start of the file");
        }
        if (match("?>")) {
            return;
        }
        if (!skipSpaces()) {
            throw error("whitespace expected after the processing instruction's target");
        }
        while (true) {
            if (!ensure(1)) {
                throw eofError();
            }
            if (buf[pos] == '?' && ensure(2) && buf[pos + 1] == '>') {
                pos += 2;
                return;
            }
            skipChar();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Tags

    /** At the first byte of a start tag's name: reads the tag and pushes the element. */
    private void startTag(boolean lookup) throws IOException {
        if (depth == MAX_DEPTH) {
            throw error("elements nested deeper than " + MAX_DEPTH);
        }
        int from = nameEnd[depth];
        if (names.length < from + MAX_NAME_BYTES + 8) {
            names = Arrays.copyOf(names, Math.max(names.length * 2, from + MAX_NAME_BYTES + 8));
        }
        int guessKey = lookup ? guessKey() : -1;
        int n = guessKey < 0 ? -1 : guessed(guessKey, from);
        boolean guessed = n >= 0;
        int id;
        int colon;
        long key0 = 0;
        long key1 = 0;
        boolean ascii = true;
        if (guessed) {
            id = guessId[guessKey];
            colon = -1;
        } else {
            id = UNKNOWN;
            n = scanName(names, from, MAX_NAME_BYTES);
            colon = scannedColon;
            key0 = scannedKey0;
            key1 = scannedKey1;
            ascii = scannedAscii;
        }
        int newDepth = depth + 1;
        boolean empty;
        if (pos < lim && buf[pos] == '>') {
            pos++;
            empty = false;
        } else {
            empty = attributes(newDepth);
        }
        int to = from + n;
        int local = colon < 0 ? from : from + colon + 1;
        if (colon >= 0 && !isBound(names, from, from + colon)) {
            throw error("the prefix of <" + new String(names, from, n, StandardCharsets.UTF_8) + "> is not bound");
        }
        if (lookup && !guessed) {
            id = table.lookup(names, local, to, key0, key1, ascii);
            if (guessKey >= 0 && ascii && colon < 0 && id >= 0 && id < GUESS_IDS - 1) {
                guessName[guessKey] = Arrays.copyOfRange(names, from, to + 8);
                guessId[guessKey] = id;
            }
        }
        depth = newDepth;
        nameEnd[depth] = to;
        localStart[depth] = local;
        nameId = id;
        idAt[depth] = id;
        lastChild[depth] = UNKNOWN;
        pendingEnd = empty;
    }

    /** The guess slot for a child of the open element here, or -1 if ids are too large to key. */
    private int guessKey() {
        int parent = idAt[depth] + 1;
        int previous = lastChild[depth] + 1;
        return parent < GUESS_IDS && previous < GUESS_IDS ? parent << GUESS_BITS | previous : -1;
    }

    /**
     * If the name at pos is the one that came last time after the same previous sibling in the
     * same parent (element order rarely varies within a file), copies it to {@code names} at
     * {@code at} and returns its length; else -1. Only ASCII names without prefix are guessed:
     * bytes equal to a name already checked need no check of their own.
     */
    private int guessed(int key, int at) {
        byte[] guess = guessName[key];
        if (guess == null) {
            return -1;
        }
        int n = guess.length - 8;
        int p = pos;
        if (p + n >= lim || NAME_CLASS[buf[p + n] & 0xFF] != NOT_NAME || !sameBytes(buf, p, guess, 0, n)) {
            return -1;
        }
        System.arraycopy(guess, 0, names, at, n);
        pos = p + n;
        return n;
    }

    /** Attributes up to '>' or "/>" (true for the latter); checked, not kept. */
    private boolean attributes(int elementDepth) throws IOException {
        int count = 0;
        while (true) {
            boolean space = skipSpaces();
            if (!ensure(1)) {
                throw eofError();
            }
            byte c = buf[pos];
            if (c == '>') {
                pos++;
                break;
            }
            if (c == '/') {
                pos++;
                if (!ensure(1) || buf[pos] != '>') {
                    throw error("'>' expected after '/' in a tag");
                }
                pos++;
                checkAttributePrefixes(count);
                return true;
            }
            if (!space) {
                throw error("whitespace, '>' or '/>' expected in a tag");
            }
            if (count == MAX_ATTRIBUTES) {
                throw error("more than " + MAX_ATTRIBUTES + " attributes on one element");
            }
            int from = count == 0 ? 0 : attrEnd[count - 1];
            if (attrNames.length < from + MAX_NAME_BYTES + 4) {
                attrNames = Arrays.copyOf(attrNames, Math.max(attrNames.length * 2, from + MAX_NAME_BYTES + 4));
            }
            int n = scanName(attrNames, from, MAX_NAME_BYTES);
            for (int i = 0; i < count; i++) {
                int f = i == 0 ? 0 : attrEnd[i - 1];
                if (Arrays.equals(attrNames, f, attrEnd[i], attrNames, from, from + n)) {
                    throw error("attribute " + new String(attrNames, from, n, StandardCharsets.UTF_8)
                            + " given twice");
                }
            }
            attrEnd[count] = from + n;
            attrColon[count] = scannedColon;
            count++;
            skipSpaces();
            if (!match("=")) {
                throw error("'=' expected after an attribute name");
            }
            skipSpaces();
            if (!ensure(1) || (buf[pos] != '"' && buf[pos] != '\'')) {
                throw error("quoted attribute value expected");
            }
            long valueBytes = attributeValue();
            boolean xmlns = n >= 5 && attrNames[from] == 'x' && attrNames[from + 1] == 'm'
                    && attrNames[from + 2] == 'l' && attrNames[from + 3] == 'n' && attrNames[from + 4] == 's';
            if (xmlns && n > 6 && attrNames[from + 5] == ':') {
                if (valueBytes == 0) {
                    throw error("a namespace prefix may not be bound to an empty name");
                }
                if (n == 11 && Arrays.equals(attrNames, from + 6, from + n, XMLNS, 0, 5)) {
                    throw error("the prefix xmlns cannot be bound");
                }
                bind(attrNames, from + 6, from + n, elementDepth);
            }
        }
        checkAttributePrefixes(count);
        return false;
    }

    private void checkAttributePrefixes(int count) throws RdexFormatException {
        for (int i = 0; i < count; i++) {
            int colon = attrColon[i];
            int from = i == 0 ? 0 : attrEnd[i - 1];
            boolean xmlns = colon == 5 && attrNames[from] == 'x' && attrNames[from + 1] == 'm'
                    && attrNames[from + 2] == 'l' && attrNames[from + 3] == 'n' && attrNames[from + 4] == 's';
            if (colon >= 0 && !xmlns && !isBound(attrNames, from, from + colon)) {
                throw error("the prefix of attribute "
                        + new String(attrNames, from, attrEnd[i] - from, StandardCharsets.UTF_8) + " is not bound");
            }
        }
    }

    /** At the opening quote: the value up to the same quote. Returns its length in bytes. */
    private long attributeValue() throws IOException {
        byte quote = buf[pos++];
        long n = 0;
        while (true) {
            if (!ensure(1)) {
                throw eofError();
            }
            byte c = buf[pos];
            if (c == quote) {
                pos++;
                return n;
            }
            if (c == '<') {
                throw error("'<' is not allowed in an attribute value");
            }
            if (c == '&') {
                pos++;
                reference(null);
            } else {
                skipChar();
            }
            n++;
        }
    }

    private void bind(byte[] src, int from, int to, int elementDepth) throws RdexFormatException {
        if (prefixCount == MAX_PREFIXES) {
            throw error("more than " + MAX_PREFIXES + " namespace prefixes bound at once");
        }
        int start = prefixCount == 0 ? 0 : prefixEnd[prefixCount - 1];
        int n = to - from;
        if (prefixes.length < start + n) {
            prefixes = Arrays.copyOf(prefixes, Math.max(prefixes.length * 2, start + n));
        }
        if (prefixCount == prefixEnd.length) {
            prefixEnd = Arrays.copyOf(prefixEnd, prefixCount * 2);
            prefixDepth = Arrays.copyOf(prefixDepth, prefixCount * 2);
        }
        System.arraycopy(src, from, prefixes, start, n);
        prefixEnd[prefixCount] = start + n;
        prefixDepth[prefixCount] = elementDepth;
        prefixCount++;
    }

    private boolean isBound(byte[] src, int from, int to) {
        if (to - from == 3 && src[from] == 'x' && src[from + 1] == 'm' && src[from + 2] == 'l') {
            return true;
        }
        for (int i = prefixCount - 1; i >= 0; i--) {
            int start = i == 0 ? 0 : prefixEnd[i - 1];
            if (Arrays.equals(prefixes, start, prefixEnd[i], src, from, to)) {
                return true;
            }
        }
        return false;
    }

    /** After "</": the name must be the open element's, then optional whitespace and '>'. */
    private void endTag() throws IOException {
        int from = nameEnd[depth - 1];
        int to = nameEnd[depth];
        byte[] expected = names;
        int end = closingTagEnd(pos);
        if (end >= 0) {
            pos = end;
            pop();
            return;
        }
        int i = from;
        while (i < to) {
            if (pos == lim && !fill()) {
                throw eofError();
            }
            int n = Math.min(to - i, lim - pos);
            if (Arrays.mismatch(buf, pos, pos + n, expected, i, i + n) >= 0) {
                throw mismatchedEndTag();
            }
            pos += n;
            i += n;
        }
        if (!ensure(1)) {
            throw eofError();
        }
        if (NAME_CLASS[buf[pos] & 0xFF] != NOT_NAME) {
            throw mismatchedEndTag();
        }
        skipSpaces();
        if (!ensure(1)) {
            throw eofError();
        }
        if (buf[pos] != '>') {
            throw error("'>' expected to close </" + openName() + ">");
        }
        pos++;
        pop();
    }

    /**
     * Where the end tag of the open element ends if its name and '>' follow {@code p} (after
     * "</") whole in the buffer, else -1 and the caller takes the general way. Names are short:
     * a loop beats mismatch().
     */
    private int closingTagEnd(int p) {
        int from = nameEnd[depth - 1];
        int to = nameEnd[depth];
        if (lim - p <= to - from) {
            return -1;
        }
        p += to - from;
        return buf[p] == '>' && sameBytes(buf, p - (to - from), names, from, to - from) ? p + 1 : -1;
    }

    /** Whether {@code n} bytes are the same, compared a word at a time where the arrays allow. */
    static boolean sameBytes(byte[] a, int ai, byte[] b, int bi, int n) {
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if ((long) WORD.get(a, ai + i) != (long) WORD.get(b, bi + i)) {
                return false;
            }
        }
        if (i == n) {
            return true;
        }
        if (ai + i + 8 <= a.length && bi + i + 8 <= b.length) {
            // The bytes past n are read, then masked off.
            long diff = (long) WORD.get(a, ai + i) ^ (long) WORD.get(b, bi + i);
            return (diff & (-1L >>> (64 - 8 * (n - i)))) == 0;
        }
        for (; i < n; i++) {
            if (a[ai + i] != b[bi + i]) {
                return false;
            }
        }
        return true;
    }

    private void pop() {
        int closed = idAt[depth];
        depth--;
        lastChild[depth] = closed;
        while (prefixCount > 0 && prefixDepth[prefixCount - 1] > depth) {
            prefixCount--;
        }
    }

    private String openName() {
        int from = nameEnd[depth - 1];
        return new String(names, from, nameEnd[depth] - from, StandardCharsets.UTF_8);
    }

    private RdexFormatException mismatchedEndTag() {
        return error("the element <" + openName() + "> must be closed by </" + openName() + ">");
    }

    /**
     * Copies a name into {@code into} at {@code at}; returns its length. Sets {@link #scannedColon}
     * (offset of the prefix colon or -1), {@link #scannedKey0}/{@link #scannedKey1} (of the
     * local part, see {@link NameTable}) and
     * {@link #scannedAscii}.
     */
    private int scanName(byte[] into, int at, int max) throws IOException {
        // Fast path: an ASCII name without prefix, whole in the buffer.
        final byte[] b = buf;
        final int start = pos;
        final int l = Math.min(lim, start + max);
        int p = start;
        long key0 = 0;
        long key1 = 0;
        if (p < l && NAME_CLASS[b[p] & 0xFF] == NAME_START && b[p] != ':') {
            while (p < l) {
                int c = b[p];
                int k = NAME_CLASS[c & 0xFF];
                if ((k != NAME_START && k != NAME_CHAR) || c == ':') {
                    break;
                }
                // A 16-byte shift register: every known name is shorter.
                key1 = key1 << 8 | key0 >>> 56;
                key0 = key0 << 8 | fold(c);
                into[at + p - start] = (byte) c;
                p++;
            }
            if (p < l && NAME_CLASS[b[p] & 0xFF] == NOT_NAME) {
                int n = p - start;
                pos = p;
                scannedColon = -1;
                scannedKey0 = key0;
                scannedKey1 = key1;
                scannedAscii = true;
                return n;
            }
        }
        return scanNameSlowly(into, at, max);
    }

    private int scanNameSlowly(byte[] into, int at, int max) throws IOException {
        int n = 0;
        long key0 = 0;
        long key1 = 0;
        int colon = -1;
        boolean leading = false;
        boolean ascii = true;
        while (true) {
            if (pos == lim && !fill()) {
                break;
            }
            int c = buf[pos] & 0xFF;
            int k = NAME_CLASS[c];
            if (k == NOT_NAME || (n == 0 && k == NAME_CHAR)) {
                break;
            }
            if (k == NAME_HIGH) {
                int len = utf8Length();
                if (n + len > max) {
                    throw error("name longer than " + max + " bytes");
                }
                System.arraycopy(buf, pos, into, at + n, len);
                n += len;
                pos += len;
                ascii = false;
                continue;
            }
            if (n == max) {
                throw error("name longer than " + max + " bytes");
            }
            if (c == ':') {
                if (n == 0) {
                    // A name that only starts with ':' has no prefix, as the JDK parser read it.
                    leading = true;
                    key0 = fold(c);
                } else if (colon >= 0 || leading) {
                    throw error("malformed qualified name");
                } else {
                    colon = n;
                    key0 = 0;
                    key1 = 0;
                }
            } else {
                key1 = key1 << 8 | key0 >>> 56;
                key0 = key0 << 8 | fold(c);
            }
            into[at + n++] = (byte) c;
            pos++;
        }
        if (n == 0) {
            if (!ensure(1)) {
                throw eofError();
            }
            throw error("a name was expected");
        }
        if (colon >= 0 && colon == n - 1) {
            throw error("malformed qualified name");
        }
        scannedColon = colon;
        scannedKey0 = key0;
        scannedKey1 = key1;
        scannedAscii = ascii;
        return n;
    }

    // ---------------------------------------------------------------------------------------------
    // Prolog

    /**
     * Recognises a byte order mark, a 16/32-bit encoding or EBCDIC from the first bytes (XML's
     * appendix F) and transcodes accordingly. Returns the charset the bytes fixed, or null when
     * the declaration decides (a UTF-8 byte order mark is only skipped, as the JDK parser did).
     */
    private Charset detectEncoding() throws IOException {
        ensure(4);
        int n = lim - pos;
        int b0 = n > 0 ? buf[pos] & 0xFF : -1;
        int b1 = n > 1 ? buf[pos + 1] & 0xFF : -1;
        int b2 = n > 2 ? buf[pos + 2] & 0xFF : -1;
        int b3 = n > 3 ? buf[pos + 3] & 0xFF : -1;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            pos += 3;
            return null;
        }
        if (b0 == 0x4C && b1 == 0x6F && b2 == 0xA7 && b3 == 0x94) {
            Charset ebcdic = ebcdicDeclaration();
            transcode(ebcdic, CodingErrorAction.REPLACE);
            return ebcdic;
        }
        String wide = null;
        int bom = 0;
        if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) {
            wide = "UTF-32BE";
            bom = 4;
        } else if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) {
            wide = "UTF-32LE";
            bom = 4;
        } else if (b0 == 0xFE && b1 == 0xFF) {
            wide = "UTF-16BE";
            bom = 2;
        } else if (b0 == 0xFF && b1 == 0xFE) {
            wide = "UTF-16LE";
            bom = 2;
        } else if (b0 == 0 && b1 == 0 && b2 == 0 && b3 == '<') {
            wide = "UTF-32BE";
        } else if (b0 == '<' && b1 == 0 && b2 == 0 && b3 == 0) {
            wide = "UTF-32LE";
        } else if (b0 == 0 && b1 == '<' && b2 == 0 && b3 == '?') {
            wide = "UTF-16BE";
        } else if (b0 == '<' && b1 == 0 && b2 == '?' && b3 == 0) {
            wide = "UTF-16LE";
        }
        if (wide == null) {
            return null;
        }
        pos += bom;
        Charset cs = Charset.forName(wide);
        transcode(cs, CodingErrorAction.REPORT);
        return cs;
    }

    /**
     * The charset an EBCDIC declaration names (IBM037 if none): its ASCII-range characters are
     * the same in every EBCDIC code page, so IBM037 reads it well enough to find the name.
     */
    private Charset ebcdicDeclaration() throws IOException {
        while (lim - pos < 256 && fill()) {
            // the declaration is short: 256 bytes hold it
        }
        String head = new String(buf, pos, Math.min(lim - pos, 256), charset("IBM037"));
        int end = head.indexOf("?>");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']")
                .matcher(end < 0 ? head : head.substring(0, end));
        return charset(m.find() ? m.group(1) : "IBM037");
    }

    private Charset charset(String name) throws RdexFormatException {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw error("unsupported encoding " + name);
        }
    }

    /** After "<?xml" and a space: version, then optional encoding and standalone, then "?>". */
    private void xmlDeclaration(Charset fixedEncoding) throws IOException {
        int seen = 0;
        String encoding = null;
        while (true) {
            boolean space = skipSpaces();
            if (match("?>")) {
                break;
            }
            if (!space) {
                throw error("whitespace expected in the XML declaration");
            }
            String name = declarationWord();
            skipSpaces();
            if (!match("=")) {
                throw error("'=' expected in the XML declaration");
            }
            skipSpaces();
            String value = declarationValue();
            switch (name) {
                case "version" -> {
                    if (seen != 0) {
                        throw error("version must come first in the XML declaration");
                    }
                    if (!value.equals("1.0") && !value.equals("1.1")) {
                        throw error("XML version " + value + " is not supported");
                    }
                    seen = 1;
                }
                case "encoding" -> {
                    if (seen != 1 || !value.matches("[A-Za-z][A-Za-z0-9._-]*")) {
                        throw error("malformed encoding in the XML declaration");
                    }
                    encoding = value;
                    seen = 2;
                }
                case "standalone" -> {
                    if (seen == 0 || seen == 3 || !(value.equals("yes") || value.equals("no"))) {
                        throw error("malformed standalone in the XML declaration");
                    }
                    seen = 3;
                }
                default -> throw error("unexpected '" + name + "' in the XML declaration");
            }
        }
        if (seen == 0) {
            throw error("the XML declaration has no version");
        }
        if (encoding == null) {
            return;
        }
        Charset declared = charset(encoding);
        if (fixedEncoding == null) {
            useDeclaredEncoding(declared, encoding);
        } else if (!sameFamily(declared, fixedEncoding)) {
            throw error("the encoding " + encoding + " does not match the file's first bytes");
        }
    }

    private String declarationWord() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (ensure(1) && buf[pos] >= 'a' && buf[pos] <= 'z' && sb.length() < 20) {
            sb.append((char) buf[pos++]);
        }
        return sb.toString();
    }

    private String declarationValue() throws IOException {
        if (!ensure(1) || (buf[pos] != '"' && buf[pos] != '\'')) {
            throw error("quoted value expected in the XML declaration");
        }
        byte quote = buf[pos++];
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!ensure(1)) {
                throw eofError();
            }
            byte c = buf[pos++];
            if (c == quote) {
                return sb.toString();
            }
            if (c < 0x20 || sb.length() >= 100) {
                throw error("malformed value in the XML declaration");
            }
            sb.append((char) c);
        }
    }

    /** A 16-bit (32-bit) file may declare any UTF-16 (UTF-32) flavour; an EBCDIC one, what it used. */
    private static boolean sameFamily(Charset declared, Charset detected) {
        String d = detected.name();
        String n = declared.name();
        return d.startsWith("UTF-16") ? n.contains("UTF-16")
                : d.startsWith("UTF-32") ? n.contains("UTF-32") : declared.equals(detected);
    }

    /** Switches what follows the declaration to UTF-8 unless it already is. */
    private void useDeclaredEncoding(Charset cs, String name) throws IOException {
        if (cs.equals(StandardCharsets.UTF_8)) {
            return;
        }
        if (!asciiCompatible(cs)) {
            // The declaration was read as ASCII, so the bytes cannot be in this encoding.
            throw error("the encoding " + name + " does not match the file's first bytes");
        }
        // US-ASCII refuses other bytes as before; 8-bit encodings replace the few undefined ones.
        transcode(cs, cs.equals(StandardCharsets.US_ASCII) ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE);
    }

    private static boolean asciiCompatible(Charset cs) {
        if (!cs.canEncode()) {
            return false;
        }
        StringBuilder sample = new StringBuilder("\t\n\r");
        for (char c = 0x20; c < 0x7F; c++) {
            sample.append(c);
        }
        byte[] expected = sample.toString().getBytes(StandardCharsets.US_ASCII);
        return Arrays.equals(expected, sample.toString().getBytes(cs));
    }

    private void transcode(Charset cs, CodingErrorAction onError) {
        InputStream rest = new SequenceInputStream(
                new ByteArrayInputStream(Arrays.copyOfRange(buf, pos, lim)), in);
        in = new Utf8Transcoder(rest, cs, onError);
        bufBase += pos;
        pos = 0;
        lim = 0;
        eof = false;
    }

    /** After "<!DOCTYPE": skipped without interpretation, minding quotes, comments and the internal subset. */
    private void doctype() throws IOException {
        if (!skipSpaces()) {
            throw error("whitespace expected after <!DOCTYPE");
        }
        scanName(scratch, 0, MAX_NAME_BYTES);
        while (true) {
            skipSpaces();
            if (!ensure(1)) {
                throw eofError();
            }
            int c = buf[pos] & 0xFF;
            if (c == '>') {
                pos++;
                return;
            }
            if (c == '[') {
                pos++;
                internalSubset();
                skipSpaces();
                if (!match(">")) {
                    throw error("'>' expected to close the DOCTYPE");
                }
                return;
            }
            if (c == '"' || c == '\'') {
                skipQuoted();
            } else if (NAME_CLASS[c] == NAME_START) {
                scanName(scratch, 0, MAX_NAME_BYTES);
            } else {
                throw error("unexpected character in the DOCTYPE");
            }
        }
    }

    private void internalSubset() throws IOException {
        while (true) {
            skipSpaces();
            if (!ensure(1)) {
                throw eofError();
            }
            byte c = buf[pos];
            if (c == ']') {
                pos++;
                return;
            }
            if (c == '%') {
                // A parameter entity reference: never defined, never fetched, only skipped.
                pos++;
                scanName(scratch, 0, MAX_NAME_BYTES);
                if (!match(";")) {
                    throw error("';' expected after a parameter entity reference");
                }
            } else if (match("<!--")) {
                comment();
            } else if (match("<?")) {
                processingInstruction();
            } else if (match("<!")) {
                markupDeclaration();
            } else {
                // Nothing here is ever used; stray text is passed over as the JDK parser did.
                skipChar();
            }
        }
    }

    /** After "<!" in the internal subset: up to the '>' that is not inside quotes. */
    private void markupDeclaration() throws IOException {
        while (true) {
            if (!ensure(1)) {
                throw eofError();
            }
            byte c = buf[pos];
            if (c == '>') {
                pos++;
                return;
            }
            if (c == '"' || c == '\'') {
                skipQuoted();
            } else if (c == '<') {
                throw error("'<' inside a markup declaration");
            } else {
                skipChar();
            }
        }
    }

    private void skipQuoted() throws IOException {
        byte quote = buf[pos++];
        while (true) {
            if (!ensure(1)) {
                throw eofError();
            }
            if (buf[pos] == quote) {
                pos++;
                return;
            }
            skipChar();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Bytes

    /** Keeps the unread bytes and reads more after them; false at the end of the input. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int keep = lim - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, keep);
            bufBase += pos;
            pos = 0;
            lim = keep;
        }
        if (lim == buf.length) {
            return true;
        }
        int n;
        do {
            n = in.read(buf, lim, buf.length - lim);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        lim += n;
        return true;
    }

    /** At least n bytes from pos, unless the input ends first (false). n is small. */
    private boolean ensure(int n) throws IOException {
        while (lim - pos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWith(String ascii) throws IOException {
        int n = ascii.length();
        if (!ensure(n)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[pos + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Consumes {@code ascii} if it comes next. */
    private boolean match(String ascii) throws IOException {
        if (startsWith(ascii)) {
            pos += ascii.length();
            return true;
        }
        return false;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }

    /** Skips XML whitespace; true if there was any. */
    private boolean skipSpaces() throws IOException {
        boolean any = false;
        while (true) {
            if (pos == lim && !fill()) {
                return any;
            }
            byte c = buf[pos];
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\n') {
                newline(pos);
                pos++;
            } else if (c == '\r') {
                carriageReturn();
            } else {
                return any;
            }
            any = true;
        }
    }

    /** Consumes one legal character (of any length), counting lines. */
    private void skipChar() throws IOException {
        int c = buf[pos] & 0xFF;
        if (c >= 0x80) {
            pos += utf8Length();
        } else if (c >= 0x20 || c == '\t') {
            pos++;
        } else if (c == '\n') {
            newline(pos);
            pos++;
        } else if (c == '\r') {
            carriageReturn();
        } else {
            throw invalidChar(c);
        }
    }

    /** At a CR: consumes it and a following LF, as one line end. */
    private void carriageReturn() throws IOException {
        if (ensure(2) && buf[pos + 1] == '\n') {
            pos++;
        }
        newline(pos);
        pos++;
    }

    private void newline(int at) {
        line++;
        lineStart = bufBase + at + 1;
    }

    /** Length of the UTF-8 sequence at pos, checked to be well-formed and a legal XML character. */
    private int utf8Length() throws IOException {
        int b0 = buf[pos] & 0xFF;
        int n = b0 < 0xC2 ? 0 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : b0 < 0xF5 ? 4 : 0;
        if (n == 0 || !ensure(n)) {
            throw invalidUtf8();
        }
        int b1 = buf[pos + 1] & 0xFF;
        if (n == 2) {
            if ((b1 & 0xC0) != 0x80) {
                throw invalidUtf8();
            }
        } else if (n == 3) {
            int b2 = buf[pos + 2] & 0xFF;
            int lo = b0 == 0xE0 ? 0xA0 : 0x80;
            int hi = b0 == 0xED ? 0x9F : 0xBF;
            if (b1 < lo || b1 > hi || (b2 & 0xC0) != 0x80) {
                throw invalidUtf8();
            }
            if (b0 == 0xEF && b1 == 0xBF && b2 >= 0xBE) {
                throw error("invalid XML character (U+FFF" + (b2 == 0xBE ? "E" : "F") + ")");
            }
        } else {
            int lo = b0 == 0xF0 ? 0x90 : 0x80;
            int hi = b0 == 0xF4 ? 0x8F : 0xBF;
            if (b1 < lo || b1 > hi || (buf[pos + 2] & 0xC0) != 0x80 || (buf[pos + 3] & 0xC0) != 0x80) {
                throw invalidUtf8();
            }
        }
        return n;
    }

    // ---------------------------------------------------------------------------------------------
    // Errors

    private RdexFormatException invalidUtf8() {
        return error("invalid UTF-8 byte sequence (is the encoding declared?)");
    }

    private RdexFormatException invalidChar(int c) {
        return error("invalid XML character (U+" + String.format("%04X", c) + ")");
    }

    private RdexFormatException eofError() {
        return error(depth == 0 ? "premature end of file" : "premature end of file inside <" + openName() + ">");
    }

    private RdexFormatException error(String message) {
        long column = bufBase + pos - lineStart + 1;
        return new RdexFormatException("malformed XML at line " + line + ", column " + column + ": " + message);
    }
}
