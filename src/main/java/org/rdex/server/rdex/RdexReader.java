package org.rdex.server.rdex;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a partner's RDEX file one journey at a time, leniently and safely.
 *
 * <p>Lenient: accepts the specification example's spellings ({@code depmintime},
 * {@code mintime}...) as well as the DTD's, any element order, decimal commas, {@code H:mm}
 * times, yes/no flags, {@code postal_code}/{@code postalCode}, routes with whitespace or a
 * trailing {@code ;}. Unknown elements are skipped with one warning per name. A journey that
 * fails a check is reported as {@link RdexReadResult.Rejected} and reading goes on.
 *
 * <p>Safe: gzip is detected by magic bytes and the decompressed size is capped
 * ({@link Options#maxDecompressedBytes()}); the XML is read by {@link XmlScanner}, which never
 * processes a DTD, so no external entity, DTD or parameter entity is ever fetched and no entity
 * is ever expanded (any reference but the predefined ones and character references fails the
 * file); memory does not grow with the file size, only with the largest single value, which is
 * capped too. The file may be in any encoding its XML declaration names.
 *
 * <p>A broken file (malformed or truncated XML, corrupt gzip, cap exceeded, wrong root) ends
 * {@link #read} with {@link RdexFormatException} after the journeys before the break were
 * already delivered: callers should stage results and commit them only when {@code read}
 * returns normally. One reader reads one stream once; it does not close the stream.
 */
public final class RdexReader {

    /**
     * Reader options.
     *
     * @param maxDecompressedBytes the file is refused beyond this many (decompressed) bytes
     * @param maxValueChars        a journey is rejected when one of its values is longer (route
     *                             gets 16 times this)
     */
    public record Options(long maxDecompressedBytes, int maxValueChars) {
        public Options {
            if (maxDecompressedBytes < 1 || maxValueChars < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }

        /** 1 GiB, 64 Ki characters per value. */
        public static Options defaults() {
            return new Options(1L << 30, 64 * 1024);
        }

        public Options withMaxDecompressedBytes(long value) {
            return new Options(value, maxValueChars);
        }
    }

    /**
     * Outcome of a complete read.
     *
     * @param title    the document title, null if absent
     * @param accepted number of accepted journeys
     * @param rejected number of rejected journeys
     * @param warnings distinct warnings (unknown elements, dropped optional values), capped
     */
    public record Summary(String title, long accepted, long rejected, List<String> warnings) {
        public Summary {
            warnings = List.copyOf(warnings);
        }
    }

    private static final int MAX_WARNINGS = 200;
    private static final int ROUTE_FACTOR = 16;

    private final InputStream in;
    private final Options options;
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> warned = new HashSet<>();
    private final TextBuffer text = new TextBuffer();
    private XmlScanner xml;
    private boolean used;

    /** Reader with {@link Options#defaults()}. */
    public RdexReader(InputStream in) {
        this(in, Options.defaults());
    }

    public RdexReader(InputStream in, Options options) {
        if (in == null || options == null) {
            throw new NullPointerException("in and options are required");
        }
        this.in = in;
        this.options = options;
    }

    /**
     * Reads the whole file, handing each journey's result to {@code each} as soon as it is read.
     *
     * @throws RdexFormatException the file as a whole is refused (see class comment)
     * @throws IOException         the underlying stream failed
     */
    public Summary read(Consumer<? super RdexReadResult> each) throws IOException {
        if (used) {
            throw new IllegalStateException("a reader reads its stream once");
        }
        used = true;
        xml = new XmlScanner(RdexInput.open(in, options.maxDecompressedBytes()), RdexNames.TABLE);
        xml.startDocument();
        if (xml.nameId() != RdexNames.DOCUMENT) {
            throw new RdexFormatException("root element is <" + xml.localName() + ">, expected <document>");
        }
        JourneyAssembler j = new JourneyAssembler(this::warn);
        String title = null;
        long accepted = 0;
        long rejected = 0;
        while (xml.nextChild()) {
            int id = xml.nameId();
            if (id == RdexNames.JOURNEY) {
                RdexReadResult result = readJourney(j);
                if (result instanceof RdexReadResult.Accepted) {
                    accepted++;
                } else {
                    rejected++;
                }
                each.accept(result);
            } else if (id == RdexNames.TITLE && title == null) {
                String problem = xml.readText(text, options.maxValueChars());
                title = problem == null ? text.toString().strip() : null;
            } else {
                unknown("document");
            }
        }
        // Reading to the end makes trailing garbage fail the file.
        xml.endDocument();
        return new Summary(title, accepted, rejected, warnings);
    }

    private RdexReadResult readJourney(JourneyAssembler j) throws IOException {
        j.reset();
        while (xml.nextChild()) {
            int id = xml.nameId();
            if (id >= RdexNames.OPERATOR && id <= RdexNames.DETAILS) {
                value(j, id, JourneyAssembler.journeySlot(id), "journey");
            } else if (id == RdexNames.FROM || id == RdexNames.TO) {
                boolean from = id == RdexNames.FROM;
                int base = from ? JourneyAssembler.FROM_SLOTS : JourneyAssembler.TO_SLOTS;
                if (from ? j.fromSeen : j.toSeen) {
                    j.reject("element <" + RdexNames.CANONICAL[id] + "> repeated in <journey>");
                    // The second block replaces the first.
                    j.clearPlace(base);
                }
                String where = RdexNames.CANONICAL[id];
                while (xml.nextChild()) {
                    int field = xml.nameId();
                    if (field >= RdexNames.LOCATION && field <= RdexNames.COUNTRY) {
                        value(j, field, JourneyAssembler.placeSlot(base, field), where);
                    } else {
                        unknown(where);
                    }
                }
                if (from) {
                    j.fromSeen = true;
                } else {
                    j.toSeen = true;
                }
            } else if (id == RdexNames.VEHICLE) {
                while (xml.nextChild()) {
                    int field = xml.nameId();
                    if (field == RdexNames.MODEL || field == RdexNames.COLOUR) {
                        value(j, field, JourneyAssembler.vehicleSlot(field), "vehicle");
                    } else {
                        unknown("vehicle");
                    }
                }
            } else if (id == RdexNames.PUNCTUAL) {
                if (j.punctualSeen) {
                    j.reject("element <punctual> repeated in <journey>");
                    j.clearPunctual();
                }
                j.punctualSeen = true;
                while (xml.nextChild()) {
                    int field = xml.nameId();
                    if (field >= RdexNames.DATE && field <= RdexNames.MAXITIME) {
                        value(j, field, JourneyAssembler.punctualSlot(field), "punctual");
                    } else {
                        unknown("punctual");
                    }
                }
            } else if (id == RdexNames.REGULAR) {
                if (j.regularSeen) {
                    j.reject("element <regular> repeated in <journey>");
                    for (int day = 0; day < 7; day++) {
                        j.daySeen[day] = false;
                        j.clearDay(day);
                    }
                }
                j.regularSeen = true;
                readRegular(j);
            } else {
                unknown("journey");
            }
        }
        return j.build();
    }

    private void readRegular(JourneyAssembler j) throws IOException {
        while (xml.nextChild()) {
            int id = xml.nameId();
            if (id < RdexNames.MONDAY || id > RdexNames.SUNDAY) {
                unknown("regular");
                continue;
            }
            int day = id - RdexNames.MONDAY;
            String where = RdexNames.CANONICAL[id];
            if (j.daySeen[day]) {
                j.reject("element <" + where + "> repeated in <regular>");
                j.clearDay(day);
            }
            j.daySeen[day] = true;
            while (xml.nextChild()) {
                int field = xml.nameId();
                if (field >= RdexNames.DEPMINITIME && field <= RdexNames.RETMAXITIME) {
                    value(j, field, JourneyAssembler.daySlot(day, field), where);
                } else {
                    unknown(where);
                }
            }
        }
    }

    /** Reads a leaf element's text into its slot; over-long or nested content rejects the journey. */
    private void value(JourneyAssembler j, int id, int slot, String where) throws IOException {
        long max = id == RdexNames.ROUTE ? (long) options.maxValueChars() * ROUTE_FACTOR : options.maxValueChars();
        String problem = xml.readText(text, max);
        if (problem != null) {
            j.reject("<" + RdexNames.CANONICAL[id] + "> " + problem);
        }
        j.put(slot, problem == null ? text : null, where);
    }

    private void unknown(String parent) throws IOException {
        String name = xml.localName();
        warn("unknown " + name, "unknown element <" + name + "> in <" + parent + "> ignored");
        xml.skipElement();
    }

    private void warn(String key, String message) {
        if (warned.size() >= MAX_WARNINGS) {
            return;
        }
        if (warned.add(key)) {
            warnings.add(warned.size() == MAX_WARNINGS ? "too many distinct warnings, further ones dropped" : message);
        }
    }
}
