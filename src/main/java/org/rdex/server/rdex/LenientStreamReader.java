package org.rdex.server.rdex;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.util.StreamReaderDelegate;

import org.codehaus.stax2.XMLStreamReader2;

import jakarta.xml.bind.ValidationEvent;

/**
 * What JAXB reads the document through: the partner's element names spelt the DTD's way, and what the
 * grammar does not bind kept away from it.
 *
 * <ul>
 * <li>Names in any case and the known variants ({@code depmintime}, {@code mintime}, {@code postal_code},
 * {@code insee_code}, {@code color}...) become the DTD's; elements are read whatever their namespace.</li>
 * <li>An element the grammar does not have where it stands is skipped, with one warning per name.</li>
 * <li>A value repeated in its block rejects the journey and the first one is kept; a block repeated
 * (a second {@code <from>}, {@code <monday>}...) rejects the journey and replaces the first one.</li>
 * <li>A value longer than its cap, or elements inside a value, reject the journey.</li>
 * <li>The journey's text is counted: beyond its budget the journey is rejected and no more of its text
 * reaches JAXB, so a journey holds at most its budget whatever the file holds.</li>
 * </ul>
 *
 * Reasons are collected per journey in document order, for {@link XmlJourneyMapper} to complete when JAXB
 * hands the journey over.
 */
final class LenientStreamReader extends StreamReaderDelegate {

    // Element ids: bit positions in the "seen" and "children" masks.
    private static final String[] NAMES = {"document", "title", "journey", "operator", "site", "uuid", "from", "to", "kilometers",
        "minutes", "route", "url", "name", "image", "cost", "vehicle", "driver", "passenger", "seats", "activefrom",
        "activeto", "details", "regular", "punctual", "location", "insee", "postalcode", "address", "coords",
        "country", "model", "colour", "date", "minitime", "maxitime", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "depminitime", "depmaxitime", "retminitime", "retmaxitime"};
    private static final Map<String, Integer> IDS = new HashMap<>();
    /** Lower-case spellings partners use, to the DTD's. */
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
    /** The children each element may have, as a mask of ids; 0 for a value. */
    private static final long[] CHILDREN = new long[NAMES.length];
    private static final int DOCUMENT = 0;
    private static final int TITLE = 1;
    private static final int JOURNEY = 2;
    private static final int ROUTE;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_REASONS_CHARS = 2000;
    private static final int MAX_CACHED_NAMES = 1024;

    static {
        for (int i = 0; i < NAMES.length; i++) {
            IDS.put(NAMES[i], i);
        }
        ROUTE = IDS.get("route");
        children("document", "title", "journey");
        children("journey", "operator", "site", "uuid", "from", "to", "kilometers", "minutes", "route", "url", "name",
                "image", "cost", "vehicle", "driver", "passenger", "seats", "activefrom", "activeto", "details",
                "regular", "punctual");
        for (String place : new String[] {"from", "to"}) {
            children(place, "location", "insee", "postalcode", "address", "coords", "country");
        }
        children("vehicle", "model", "colour");
        children("punctual", "date", "minitime", "maxitime");
        children("regular", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
        for (String day : new String[] {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday"}) {
            children(day, "depminitime", "depmaxitime", "retminitime", "retmaxitime");
        }
    }

    private static void children(String parent, String... names) {
        for (String n : names) {
            CHILDREN[IDS.get(parent)] |= 1L << IDS.get(n);
        }
    }

    /**
     * The DTD's spelling of an element name: lower case (as {@link String#toLowerCase} with the root
     * locale decides, so the Kelvin sign is a k), variants resolved. Names the DTD does not have are
     * returned lower-cased.
     */
    static String canonical(String localName) {
        String lower = localName.toLowerCase(Locale.ROOT);
        String alias = ALIASES.get(lower);
        return alias != null ? alias : lower;
    }

    private final XMLStreamReader2 xml;
    private final BiConsumer<String, String> warn;
    private final int maxValueChars;
    private final long maxJourneyChars;
    /** Element id by the parser's spelling (interned, so compared by identity); -1 for one the grammar lacks. */
    private final Map<String, Integer> ids = new IdentityHashMap<>();

    private final int[] stack = new int[MAX_DEPTH];
    private final long[] seen = new long[MAX_DEPTH];
    private int depth;
    /** The DTD's name of the element of the current START_ELEMENT or END_ELEMENT event. */
    private String current;
    /** The current event is a start or end tag inside the journey, named {@link #current}. */
    private boolean named;
    private long leafChars;
    private boolean leafOver;
    private long journeyChars;
    private boolean journeyOver;
    private boolean titleUnusable;
    private final StringBuilder reasons = new StringBuilder();

    LenientStreamReader(XMLStreamReader2 xml, RdexReader.Options options, BiConsumer<String, String> warn) {
        super(xml);
        this.xml = xml;
        this.warn = warn;
        this.maxValueChars = options.maxValueChars();
        this.maxJourneyChars = options.maxJourneyChars();
    }

    /**
     * Starts the document; the parser stands on the root's start tag. {@code titleSeen}: a chunk after the
     * file's first title, whose titles are ignored as the second one of a whole file is.
     */
    void beginDocument(boolean titleSeen) {
        depth = 1;
        stack[0] = DOCUMENT;
        seen[0] = titleSeen ? 1L << TITLE : 0;
        current = NAMES[DOCUMENT];
        named = true;
    }

    /** Whether the title was too long or held elements. */
    boolean titleUnusable() {
        return titleUnusable;
    }

    /** The reasons to reject the journey last read; empty if none. */
    StringBuilder reasons() {
        return reasons;
    }

    /** Records a reason to reject; bounded so that a hostile journey cannot grow the message without limit. */
    void reject(String reason) {
        if (reasons.length() >= MAX_REASONS_CHARS) {
            return;
        }
        if (reasons.length() > 0) {
            reasons.append("; ");
        }
        reasons.append(reason);
    }

    /** JAXB's validation events reject the journey; reading goes on. */
    boolean handleEvent(ValidationEvent event) {
        reject("invalid content: " + event.getMessage());
        return true;
    }

    @Override
    public int next() throws XMLStreamException {
        named = false;
        if (depth == 0) {
            // JAXB steps past </document>: what follows is read by the caller.
            return xml.next();
        }
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (start()) {
                        named = true;
                        return event;
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    current = NAMES[stack[--depth]];
                    named = true;
                    return event;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text()) {
                        return event;
                    }
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // nothing for JAXB
                }
                default -> {
                    return event;
                }
            }
        }
    }

    /** Enters an element JAXB binds (true), or skips it (false). */
    private boolean start() throws XMLStreamException {
        int parent = stack[depth - 1];
        String raw = xml.getLocalName();
        if (CHILDREN[parent] == 0) {
            unusable(parent, "<" + NAMES[parent] + "> contains an element <" + raw + ">");
            xml.skipElement();
            return false;
        }
        int id = id(raw);
        if (id < 0 || (CHILDREN[parent] & 1L << id) == 0
                || id == TITLE && (seen[0] & 1L << TITLE) != 0) {
            warn.accept("unknown " + raw, "unknown element <" + raw + "> in <" + NAMES[parent] + "> ignored");
            xml.skipElement();
            return false;
        }
        if (id == JOURNEY) {
            journeyChars = 0;
            journeyOver = false;
            reasons.setLength(0);
            stack[depth] = id;
            seen[depth] = 0;
            depth++;
            current = NAMES[id];
            return true;
        }
        long bit = 1L << id;
        if ((seen[depth - 1] & bit) != 0) {
            reject("element <" + NAMES[id] + "> repeated in <" + NAMES[parent] + ">");
            if (CHILDREN[id] == 0) {
                xml.skipElement();
                return false;
            }
        }
        seen[depth - 1] |= bit;
        stack[depth] = id;
        seen[depth] = 0;
        depth++;
        current = NAMES[id];
        leafChars = 0;
        leafOver = false;
        return true;
    }

    /** Counts text against the budgets; true when JAXB gets it. */
    private boolean text() {
        int element = stack[depth - 1];
        if (element == DOCUMENT) {
            return false;
        }
        int n = xml.getTextLength();
        if (element != TITLE) {
            journeyChars += n;
            if (journeyChars > maxJourneyChars) {
                if (!journeyOver) {
                    journeyOver = true;
                    reject("journey longer than " + maxJourneyChars + " characters");
                }
                return false;
            }
        }
        if (CHILDREN[element] != 0) {
            // Layout between elements: JAXB has no use for it.
            return false;
        }
        if (leafOver) {
            return false;
        }
        leafChars += n;
        long max = element == ROUTE ? 16L * maxValueChars : maxValueChars;
        if (leafChars > max) {
            unusable(element, "<" + NAMES[element] + "> longer than " + max + " characters");
            return false;
        }
        return true;
    }

    /** A value too long or holding elements: it rejects its journey, or makes the title unusable. */
    private void unusable(int element, String reason) {
        leafOver = true;
        if (element == TITLE) {
            titleUnusable = true;
        } else {
            reject(reason);
        }
    }

    private int id(String raw) {
        Integer id = ids.get(raw);
        if (id == null) {
            Integer known = IDS.get(canonical(raw));
            id = known == null ? -1 : known;
            if (ids.size() < MAX_CACHED_NAMES) {
                ids.put(raw, id);
            }
        }
        return id;
    }

    private boolean onElement() {
        return named;
    }

    @Override
    public String getLocalName() {
        return onElement() ? current : xml.getLocalName();
    }

    @Override
    public QName getName() {
        return onElement() ? new QName(current) : xml.getName();
    }

    @Override
    public String getNamespaceURI() {
        return onElement() ? XMLConstants.NULL_NS_URI : xml.getNamespaceURI();
    }

    @Override
    public String getPrefix() {
        return onElement() ? XMLConstants.DEFAULT_NS_PREFIX : xml.getPrefix();
    }

    @Override
    public int nextTag() throws XMLStreamException {
        int event = next();
        while (event == XMLStreamConstants.CHARACTERS && xml.isWhiteSpace() || event == XMLStreamConstants.SPACE) {
            event = next();
        }
        if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
            throw new XMLStreamException("expected a start or end tag", getLocation());
        }
        return event;
    }

    @Override
    public String getElementText() throws XMLStreamException {
        throw new UnsupportedOperationException("JAXB reads text event by event");
    }
}
