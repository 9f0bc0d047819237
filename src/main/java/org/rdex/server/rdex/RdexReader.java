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

    /**
     * One loop over the journey's elements, whatever block they are in: a single call site for
     * each scanner step keeps the compiled code small, which matters to how soon it is fast.
     */
    private RdexReadResult readJourney(JourneyAssembler j) throws IOException {
        j.reset();
        // The element whose children come next: JOURNEY, FROM, TO, VEHICLE, PUNCTUAL, REGULAR or a weekday.
        int block = RdexNames.JOURNEY;
        while (true) {
            if (!xml.nextChild()) {
                if (block == RdexNames.JOURNEY) {
                    return j.build();
                }
                block = close(j, block);
                continue;
            }
            int id = xml.nameId();
            int slot = id < 0 ? -1 : SLOT[block][id];
            if (slot >= 0) {
                value(j, id, slot, RdexNames.CANONICAL[block]);
            } else if (opens(j, block, id)) {
                block = id;
            } else {
                unknown(RdexNames.CANONICAL[block]);
            }
        }
    }

    /** The slot of each field, by block and element; -1 where the element is not a field of the block. */
    private static final int[][] SLOT = new int[RdexNames.CANONICAL.length][RdexNames.CANONICAL.length];

    static {
        for (int[] row : SLOT) {
            java.util.Arrays.fill(row, -1);
        }
        for (int id = RdexNames.OPERATOR; id <= RdexNames.DETAILS; id++) {
            SLOT[RdexNames.JOURNEY][id] = JourneyAssembler.journeySlot(id);
        }
        for (int id = RdexNames.LOCATION; id <= RdexNames.COUNTRY; id++) {
            SLOT[RdexNames.FROM][id] = JourneyAssembler.placeSlot(JourneyAssembler.FROM_SLOTS, id);
            SLOT[RdexNames.TO][id] = JourneyAssembler.placeSlot(JourneyAssembler.TO_SLOTS, id);
        }
        SLOT[RdexNames.VEHICLE][RdexNames.MODEL] = JourneyAssembler.vehicleSlot(RdexNames.MODEL);
        SLOT[RdexNames.VEHICLE][RdexNames.COLOUR] = JourneyAssembler.vehicleSlot(RdexNames.COLOUR);
        for (int id = RdexNames.DATE; id <= RdexNames.MAXITIME; id++) {
            SLOT[RdexNames.PUNCTUAL][id] = JourneyAssembler.punctualSlot(id);
        }
        for (int day = RdexNames.MONDAY; day <= RdexNames.SUNDAY; day++) {
            for (int id = RdexNames.DEPMINITIME; id <= RdexNames.RETMAXITIME; id++) {
                SLOT[day][id] = JourneyAssembler.daySlot(day - RdexNames.MONDAY, id);
            }
        }
    }

    /**
     * Enters a block if {@code id} is one in {@code parent}. A repeated block rejects the journey
     * and replaces the first one.
     */
    private static boolean opens(JourneyAssembler j, int parent, int id) {
        if (parent == RdexNames.JOURNEY) {
            switch (id) {
                case RdexNames.FROM, RdexNames.TO -> {
                    if (id == RdexNames.FROM ? j.fromSeen : j.toSeen) {
                        j.reject("element <" + RdexNames.CANONICAL[id] + "> repeated in <journey>");
                        j.clearPlace(id == RdexNames.FROM ? JourneyAssembler.FROM_SLOTS : JourneyAssembler.TO_SLOTS);
                    }
                    return true;
                }
                case RdexNames.VEHICLE -> {
                    return true;
                }
                case RdexNames.PUNCTUAL -> {
                    if (j.punctualSeen) {
                        j.reject("element <punctual> repeated in <journey>");
                        j.clearPunctual();
                    }
                    j.punctualSeen = true;
                    return true;
                }
                case RdexNames.REGULAR -> {
                    if (j.regularSeen) {
                        j.reject("element <regular> repeated in <journey>");
                        for (int day = 0; day < 7; day++) {
                            j.daySeen[day] = false;
                            j.clearDay(day);
                        }
                    }
                    j.regularSeen = true;
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
        if (parent == RdexNames.REGULAR && id >= RdexNames.MONDAY && id <= RdexNames.SUNDAY) {
            int day = id - RdexNames.MONDAY;
            if (j.daySeen[day]) {
                j.reject("element <" + RdexNames.CANONICAL[id] + "> repeated in <regular>");
                j.clearDay(day);
            }
            j.daySeen[day] = true;
            return true;
        }
        return false;
    }

    /** Leaves a block; returns its parent. A place counts as seen once read, as a repetition is told on entry. */
    private static int close(JourneyAssembler j, int block) {
        if (block == RdexNames.FROM) {
            j.fromSeen = true;
        } else if (block == RdexNames.TO) {
            j.toSeen = true;
        }
        return block >= RdexNames.MONDAY && block <= RdexNames.SUNDAY ? RdexNames.REGULAR : RdexNames.JOURNEY;
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
