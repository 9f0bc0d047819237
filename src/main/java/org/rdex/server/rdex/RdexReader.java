package org.rdex.server.rdex;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

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
 * ({@link Options#maxDecompressedBytes()}); DTDs are never processed, so no external entity,
 * DTD or parameter entity is ever fetched and no entity is ever expanded (an undeclared
 * reference fails the file); memory does not grow with the file size, only with the largest
 * single value, which is capped too.
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

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("postal_code", "postalcode"),
            Map.entry("zipcode", "postalcode"),
            Map.entry("insee_code", "insee"),
            Map.entry("inseecode", "insee"),
            Map.entry("depmintime", "depminitime"),
            Map.entry("depmaxtime", "depmaxitime"),
            Map.entry("retmintime", "retminitime"),
            Map.entry("retmaxtime", "retmaxitime"),
            Map.entry("mintime", "minitime"),
            Map.entry("maxtime", "maxitime"),
            Map.entry("color", "colour"));

    private static final Set<String> JOURNEY_TEXT = Set.of("operator", "site", "uuid", "kilometers", "minutes",
            "route", "url", "name", "image", "cost", "driver", "passenger", "seats", "activefrom", "activeto",
            "details");
    private static final Set<String> PLACE_TEXT = Set.of("location", "insee", "postalcode", "address", "coords",
            "country");
    private static final Set<String> VEHICLE_TEXT = Set.of("model", "colour");
    private static final Set<String> PUNCTUAL_TEXT = Set.of("date", "minitime", "maxitime");
    private static final Set<String> DAY_TEXT = Set.of("depminitime", "depmaxitime", "retminitime", "retmaxitime");

    private final InputStream in;
    private final Options options;
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> warned = new HashSet<>();
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
        XMLStreamReader xml = null;
        try {
            xml = newFactory().createXMLStreamReader(RdexInput.open(in, options.maxDecompressedBytes()));
            return readDocument(xml, each);
        } catch (XMLStreamException e) {
            throw formatException(e);
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // closing a broken parser tells us nothing more
                }
            }
        }
    }

    private static XMLInputFactory newFactory() {
        // The JDK implementation, not whatever StAX provider the classpath brings: the
        // security properties below are those of the JDK parser.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty("jdk.xml.entityExpansionLimit", "1000");
        f.setProperty("jdk.xml.maxElementDepth", "64");
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return f;
    }

    private Summary readDocument(XMLStreamReader xml, Consumer<? super RdexReadResult> each)
            throws XMLStreamException, RdexFormatException {
        while (xml.hasNext() && xml.next() != XMLStreamConstants.START_ELEMENT) {
            // prolog: declaration, comments, an ignored DOCTYPE
        }
        if (!xml.isStartElement()) {
            throw new RdexFormatException("no root element");
        }
        if (!"document".equals(canonical(xml.getLocalName()))) {
            throw new RdexFormatException("root element is <" + xml.getLocalName() + ">, expected <document>");
        }
        String title = null;
        long accepted = 0;
        long rejected = 0;
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = canonical(xml.getLocalName());
            if ("journey".equals(name)) {
                RdexReadResult result = readJourney(xml);
                if (result instanceof RdexReadResult.Accepted) {
                    accepted++;
                } else {
                    rejected++;
                }
                each.accept(result);
            } else if ("title".equals(name) && title == null) {
                String[] problem = {null};
                title = text(xml, options.maxValueChars(), problem);
                title = title == null ? null : title.strip();
            } else {
                unknown(xml, "document");
            }
        }
        while (xml.hasNext()) {
            // Reading to the end makes trailing garbage and truncation fail the file.
            xml.next();
        }
        return new Summary(title, accepted, rejected, warnings);
    }

    private RdexReadResult readJourney(XMLStreamReader xml) throws XMLStreamException {
        JourneyAssembler j = new JourneyAssembler(this::warn);
        while (nextChild(xml)) {
            String name = canonical(xml.getLocalName());
            if (JOURNEY_TEXT.contains(name)) {
                j.put(j.fields, name, value(xml, name, j), "journey");
            } else if ("from".equals(name) || "to".equals(name)) {
                JourneyAssembler.RawPlace place = new JourneyAssembler.RawPlace();
                if ("from".equals(name) ? j.from != null : j.to != null) {
                    j.reject("element <" + name + "> repeated in <journey>");
                }
                readFields(xml, place.fields, PLACE_TEXT, name, j);
                if ("from".equals(name)) {
                    j.from = place;
                } else {
                    j.to = place;
                }
            } else if ("vehicle".equals(name)) {
                readFields(xml, j.vehicle, VEHICLE_TEXT, name, j);
            } else if ("punctual".equals(name)) {
                if (j.punctual != null) {
                    j.reject("element <punctual> repeated in <journey>");
                }
                j.punctual = new java.util.HashMap<>();
                readFields(xml, j.punctual, PUNCTUAL_TEXT, name, j);
            } else if ("regular".equals(name)) {
                if (j.regular != null) {
                    j.reject("element <regular> repeated in <journey>");
                }
                j.regular = new EnumMap<>(DayOfWeek.class);
                readRegular(xml, j);
            } else {
                unknown(xml, "journey");
            }
        }
        return j.build();
    }

    private void readRegular(XMLStreamReader xml, JourneyAssembler j) throws XMLStreamException {
        while (nextChild(xml)) {
            String name = canonical(xml.getLocalName());
            DayOfWeek day = dayOf(name);
            if (day == null) {
                unknown(xml, "regular");
                continue;
            }
            JourneyAssembler.RawDay raw = new JourneyAssembler.RawDay();
            if (j.regular.put(day, raw) != null) {
                j.reject("element <" + name + "> repeated in <regular>");
            }
            readFields(xml, raw.fields, DAY_TEXT, name, j);
        }
    }

    private void readFields(XMLStreamReader xml, Map<String, String> target, Set<String> known, String where,
            JourneyAssembler j) throws XMLStreamException {
        while (nextChild(xml)) {
            String name = canonical(xml.getLocalName());
            if (known.contains(name)) {
                j.put(target, name, value(xml, name, j), where);
            } else {
                unknown(xml, where);
            }
        }
    }

    private String value(XMLStreamReader xml, String name, JourneyAssembler j) throws XMLStreamException {
        int max = "route".equals(name) ? options.maxValueChars() * ROUTE_FACTOR : options.maxValueChars();
        String[] problem = {null};
        String v = text(xml, max, problem);
        if (problem[0] != null) {
            j.reject("<" + name + "> " + problem[0]);
        }
        return v;
    }

    /** Moves to the next child start element; false at the parent's end tag. */
    private static boolean nextChild(XMLStreamReader xml) throws XMLStreamException {
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
    }

    /** Text of a leaf element, read up to its end tag; over-long or nested content is a problem. */
    private static String text(XMLStreamReader xml, int max, String[] problem) throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (sb.length() + xml.getTextLength() <= max) {
                        sb.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                    } else {
                        problem[0] = "longer than " + max + " characters";
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    problem[0] = "contains an element <" + xml.getLocalName() + ">";
                    skip(xml);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return problem[0] == null ? sb.toString() : null;
                }
                default -> {
                    // comments and processing instructions carry no value
                }
            }
        }
    }

    /** Skips the current element and its subtree iteratively, so depth costs no stack. */
    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private void unknown(XMLStreamReader xml, String parent) throws XMLStreamException {
        String name = xml.getLocalName();
        warn("unknown " + name, "unknown element <" + name + "> in <" + parent + "> ignored");
        skip(xml);
    }

    private void warn(String key, String message) {
        if (warned.size() >= MAX_WARNINGS) {
            return;
        }
        if (warned.add(key)) {
            warnings.add(warned.size() == MAX_WARNINGS ? "too many distinct warnings, further ones dropped" : message);
        }
    }

    private static String canonical(String localName) {
        String lower = localName.toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(lower, lower);
    }

    private static DayOfWeek dayOf(String name) {
        switch (name) {
            case "monday": return DayOfWeek.MONDAY;
            case "tuesday": return DayOfWeek.TUESDAY;
            case "wednesday": return DayOfWeek.WEDNESDAY;
            case "thursday": return DayOfWeek.THURSDAY;
            case "friday": return DayOfWeek.FRIDAY;
            case "saturday": return DayOfWeek.SATURDAY;
            case "sunday": return DayOfWeek.SUNDAY;
            default: return null;
        }
    }

    /** Prefers the stream's own refusal (size cap, broken gzip) to the parser's wrapping of it. */
    private static RdexFormatException formatException(XMLStreamException e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof RdexFormatException rfe) {
                return rfe;
            }
        }
        Location loc = e.getLocation();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        // The JDK prefixes "ParseError at [row,col]:[r,c]\nMessage: "; keep the message only.
        int idx = message.indexOf("Message: ");
        if (idx >= 0) {
            message = message.substring(idx + "Message: ".length());
        }
        String where = loc == null ? "" : " at line " + loc.getLineNumber() + ", column " + loc.getColumnNumber();
        return new RdexFormatException("malformed XML" + where + ": " + message, e);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof XMLStreamException x && x.getNestedException() != null && x.getNestedException() != t) {
            return x.getNestedException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
