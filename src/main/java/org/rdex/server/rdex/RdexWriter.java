package org.rdex.server.rdex;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;

import org.rdex.server.model.DayWindow;
import org.rdex.server.model.SharedJourney;

/**
 * Streams journeys out as an RDEX 1.0 XML document: UTF-8, minified on one line, no empty
 * element, valid against {@link RdexDtd#FULL} (or {@link RdexDtd#MINIMAL} with
 * {@link Options#minimal()}).
 *
 * <p>Usage: {@link #start()}, then {@link #write(SharedJourney)} per journey, then
 * {@link #finish()}. The underlying stream is flushed but never closed, so the caller can wrap
 * gzip around it and finish that itself. Not thread-safe. Memory does not grow with the number
 * of journeys.
 */
public final class RdexWriter {

    /**
     * Writer options.
     *
     * @param minimal            omit kilometers, minutes, image, cost and vehicle so that the
     *                           output is valid against the specification's minimal DTD
     * @param coordinateDecimals decimals kept for coords and every route point (0..9)
     * @param includeAddress     write street addresses (privacy opt-in)
     * @param includeImage       write the member's picture URL (privacy opt-in)
     * @param dtdUrl             public URL written as {@code <!DOCTYPE document SYSTEM "url">};
     *                           null writes no DOCTYPE
     * @param title              the document title
     */
    public record Options(boolean minimal, int coordinateDecimals, boolean includeAddress,
            boolean includeImage, String dtdUrl, String title) {

        public Options {
            if (coordinateDecimals < 0 || coordinateDecimals > Coordinates.MAX_DECIMALS) {
                throw new IllegalArgumentException("coordinateDecimals must be 0.." + Coordinates.MAX_DECIMALS);
            }
            if (dtdUrl != null && (dtdUrl.isBlank() || dtdUrl.chars().anyMatch(c -> c < 0x20 || c == '"'))) {
                throw new IllegalArgumentException("dtdUrl must be non-blank, without double quote or control character");
            }
        }

        /** Full DTD, 3 decimals, no address, no image, no DOCTYPE, title "RDEX journeys". */
        public static Options defaults() {
            return new Options(false, 3, false, false, null, "RDEX journeys");
        }

        public Options withMinimal(boolean value) {
            return new Options(value, coordinateDecimals, includeAddress, includeImage, dtdUrl, title);
        }

        public Options withCoordinateDecimals(int value) {
            return new Options(minimal, value, includeAddress, includeImage, dtdUrl, title);
        }

        public Options withIncludeAddress(boolean value) {
            return new Options(minimal, coordinateDecimals, value, includeImage, dtdUrl, title);
        }

        public Options withIncludeImage(boolean value) {
            return new Options(minimal, coordinateDecimals, includeAddress, value, dtdUrl, title);
        }

        public Options withDtdUrl(String value) {
            return new Options(minimal, coordinateDecimals, includeAddress, includeImage, value, title);
        }

        public Options withTitle(String value) {
            return new Options(minimal, coordinateDecimals, includeAddress, includeImage, dtdUrl, value);
        }
    }

    private static final int BUFFER_SIZE = 256 * 1024;
    private static final String DEFAULT_TITLE = "RDEX journeys";

    private static final byte[] XML_DECLARATION = ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    private static final String[] DAY_TAGS = {"monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday"};

    private static final Tag DOCUMENT = new Tag("document");
    private static final Tag TITLE = new Tag("title");
    private static final Tag JOURNEY = new Tag("journey");
    private static final Tag OPERATOR = new Tag("operator");
    private static final Tag SITE = new Tag("site");
    private static final Tag UUID = new Tag("uuid");
    private static final Tag FROM = new Tag("from");
    private static final Tag TO = new Tag("to");
    private static final Tag LOCATION = new Tag("location");
    private static final Tag INSEE = new Tag("insee");
    private static final Tag POSTALCODE = new Tag("postalcode");
    private static final Tag ADDRESS = new Tag("address");
    private static final Tag COORDS = new Tag("coords");
    private static final Tag COUNTRY = new Tag("country");
    private static final Tag KILOMETERS = new Tag("kilometers");
    private static final Tag MINUTES = new Tag("minutes");
    private static final Tag ROUTE = new Tag("route");
    private static final Tag URL = new Tag("url");
    private static final Tag NAME = new Tag("name");
    private static final Tag IMAGE = new Tag("image");
    private static final Tag COST = new Tag("cost");
    private static final Tag VEHICLE = new Tag("vehicle");
    private static final Tag MODEL = new Tag("model");
    private static final Tag COLOUR = new Tag("colour");
    private static final Tag DRIVER = new Tag("driver");
    private static final Tag PASSENGER = new Tag("passenger");
    private static final Tag SEATS = new Tag("seats");
    private static final Tag ACTIVEFROM = new Tag("activefrom");
    private static final Tag ACTIVETO = new Tag("activeto");
    private static final Tag DETAILS = new Tag("details");
    private static final Tag REGULAR = new Tag("regular");
    private static final Tag PUNCTUAL = new Tag("punctual");
    private static final Tag DATE = new Tag("date");
    private static final Tag MINITIME = new Tag("minitime");
    private static final Tag MAXITIME = new Tag("maxitime");
    private static final Tag DEPMINITIME = new Tag("depminitime");
    private static final Tag DEPMAXITIME = new Tag("depmaxitime");
    private static final Tag RETMINITIME = new Tag("retminitime");
    private static final Tag RETMAXITIME = new Tag("retmaxitime");
    private static final Tag[] DAYS = new Tag[7];

    static {
        for (int i = 0; i < 7; i++) {
            DAYS[i] = new Tag(DAY_TAGS[i]);
        }
    }

    private final XmlByteSink sink;
    private final Options options;
    private final int decimals;
    private State state = State.NEW;

    private enum State { NEW, STARTED, FINISHED }

    /** Writer with {@link Options#defaults()}. */
    public RdexWriter(OutputStream out) {
        this(out, Options.defaults());
    }

    public RdexWriter(OutputStream out, Options options) {
        if (out == null || options == null) {
            throw new NullPointerException("out and options are required");
        }
        this.sink = new XmlByteSink(out, BUFFER_SIZE);
        this.options = options;
        this.decimals = options.coordinateDecimals();
    }

    /** Writes the XML declaration, the DOCTYPE if configured, and the document title. */
    public void start() throws IOException {
        if (state != State.NEW) {
            throw new IllegalStateException("start() already called");
        }
        state = State.STARTED;
        sink.bytes(XML_DECLARATION);
        if (options.dtdUrl() != null) {
            sink.bytes(ascii("<!DOCTYPE document SYSTEM \""));
            // A system literal is not entity-expanded: written raw, never escaped.
            sink.bytes(options.dtdUrl().strip().getBytes(StandardCharsets.UTF_8));
            sink.bytes(ascii("\">"));
        }
        sink.bytes(DOCUMENT.open);
        String title = isBlank(options.title()) ? DEFAULT_TITLE : options.title();
        element(TITLE, title);
    }

    /**
     * Writes one journey.
     *
     * @throws IllegalArgumentException (naming the uuid) if the journey cannot produce a valid
     *                                  element: a mandatory value missing or blank, coords out
     *                                  of range, neither punctual nor a regular with at least one
     *                                  non-empty day, both punctual and regular, or neither
     *                                  driver nor passenger. Nothing is written in that case.
     */
    public void write(SharedJourney j) throws IOException {
        if (state != State.STARTED) {
            throw new IllegalStateException("write() needs start() and must come before finish()");
        }
        LocalDate[] active = checkWritable(j);
        sink.bytes(JOURNEY.open);
        element(OPERATOR, j.operator());
        element(SITE, j.site());
        element(UUID, j.uuid());
        place(FROM, j.from());
        place(TO, j.to());
        if (!options.minimal()) {
            decimal(KILOMETERS, j.kilometers());
            integer(MINUTES, j.minutes());
        }
        route(j.route());
        element(URL, j.url());
        element(NAME, j.name());
        if (!options.minimal()) {
            if (options.includeImage()) {
                element(IMAGE, j.image());
            }
            decimal(COST, j.cost());
            if (!isBlank(j.vehicleModel()) || !isBlank(j.vehicleColour())) {
                sink.bytes(VEHICLE.open);
                element(MODEL, j.vehicleModel());
                element(COLOUR, j.vehicleColour());
                sink.bytes(VEHICLE.close);
            }
        }
        flag(DRIVER, j.driver());
        flag(PASSENGER, j.passenger());
        integer(SEATS, j.seats());
        date(ACTIVEFROM, active[0]);
        date(ACTIVETO, active[1]);
        element(DETAILS, j.details());
        if (j.punctual() != null) {
            punctual(j.punctual());
        } else {
            regular(j.regular());
        }
        sink.bytes(JOURNEY.close);
    }

    /** Closes the document and flushes; the underlying stream stays open. */
    public void finish() throws IOException {
        if (state != State.STARTED) {
            throw new IllegalStateException("finish() needs start() and may be called once");
        }
        state = State.FINISHED;
        sink.bytes(DOCUMENT.close);
        sink.flush();
    }

    /** Checks everything that could leave an invalid element half-written; returns activefrom/activeto. */
    private LocalDate[] checkWritable(SharedJourney j) {
        if (j == null) {
            throw new IllegalArgumentException("journey is null");
        }
        String id = j.uuid();
        require(!isBlank(id), id, "uuid");
        require(!isBlank(j.operator()), id, "operator");
        require(!isBlank(j.site()), id, "site");
        require(!isBlank(j.url()), id, "url");
        require(!isBlank(j.name()), id, "name");
        checkPlace(j.from(), id, "from");
        checkPlace(j.to(), id, "to");
        if (!j.driver() && !j.passenger()) {
            throw invalid(id, "neither driver nor passenger");
        }
        boolean regular = hasNonEmptyDay(j.regular());
        if (j.punctual() != null && j.regular() != null && regular) {
            throw invalid(id, "both punctual and regular");
        }
        LocalDate from = j.activeFrom();
        LocalDate to = j.activeTo();
        if (j.punctual() != null) {
            require(j.punctual().date() != null, id, "punctual/date");
            if (j.punctual().minTime() == null && j.punctual().maxTime() == null) {
                throw invalid(id, "punctual without any time");
            }
            // A one-off trip is active on its own date when no validity period was given.
            from = from != null ? from : j.punctual().date();
            to = to != null ? to : j.punctual().date();
        } else if (!regular) {
            throw invalid(id, "neither a punctual nor a regular with at least one non-empty day");
        }
        require(from != null, id, "activefrom");
        require(to != null, id, "activeto");
        return new LocalDate[] {from, to};
    }

    private static void checkPlace(SharedJourney.Place p, String id, String which) {
        require(p != null, id, which);
        require(!isBlank(p.location()), id, which + "/location");
        if (!(Math.abs(p.lat()) <= 90) || !(Math.abs(p.lon()) <= 180)) {
            throw invalid(id, which + " coords out of range");
        }
    }

    private static boolean hasNonEmptyDay(SharedJourney.Regular r) {
        if (r == null) {
            return false;
        }
        for (DayWindow w : r.days().values()) {
            if (w != null && !w.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static void require(boolean ok, String id, String field) {
        if (!ok) {
            throw invalid(id, "missing mandatory " + field);
        }
    }

    private static IllegalArgumentException invalid(String id, String reason) {
        return new IllegalArgumentException("journey " + (isBlank(id) ? "(no uuid)" : id) + ": " + reason);
    }

    private void place(Tag tag, SharedJourney.Place p) throws IOException {
        sink.bytes(tag.open);
        element(LOCATION, p.location());
        element(INSEE, p.insee());
        element(POSTALCODE, p.postalCode());
        if (options.includeAddress()) {
            element(ADDRESS, p.address());
        }
        sink.bytes(COORDS.open);
        sink.scaled(Coordinates.scale(p.lat(), decimals), decimals);
        sink.ascii(',');
        sink.scaled(Coordinates.scale(p.lon(), decimals), decimals);
        sink.bytes(COORDS.close);
        element(COUNTRY, p.country());
        sink.bytes(tag.close);
    }

    /** Re-rounds every point; malformed or out-of-range points are dropped, an empty route omitted. */
    private void route(String route) throws IOException {
        if (isBlank(route)) {
            return;
        }
        // Output is never longer than the input plus a carry digit per number, so reserving
        // this much lets us rewind if no point survives.
        sink.reserveWithoutFlush(route.length() * 3 + 128);
        int mark = sink.position();
        sink.bytes(ROUTE.open);
        int points = 0;
        int n = route.length();
        int start = 0;
        while (start < n) {
            int end = route.indexOf(';', start);
            if (end < 0) {
                end = n;
            }
            int comma = route.indexOf(',', start);
            if (comma > start && comma < end) {
                long lat = Coordinates.parseScaled(route, start, comma, decimals);
                long lon = Coordinates.parseScaled(route, comma + 1, end, decimals);
                if (Coordinates.latitudeInRange(lat, decimals) && Coordinates.longitudeInRange(lon, decimals)) {
                    if (points++ > 0) {
                        sink.ascii(';');
                    }
                    sink.scaled(lat, decimals);
                    sink.ascii(',');
                    sink.scaled(lon, decimals);
                }
            }
            start = end + 1;
        }
        if (points == 0) {
            sink.rewind(mark);
        } else {
            sink.bytes(ROUTE.close);
        }
    }

    private void punctual(SharedJourney.Punctual p) throws IOException {
        // The specification: "si pas géré, heure mini = heure maxi".
        LocalTime min = p.minTime() != null ? p.minTime() : p.maxTime();
        LocalTime max = p.maxTime() != null ? p.maxTime() : p.minTime();
        sink.bytes(PUNCTUAL.open);
        date(DATE, p.date());
        time(MINITIME, min);
        time(MAXITIME, max);
        sink.bytes(PUNCTUAL.close);
    }

    private void regular(SharedJourney.Regular r) throws IOException {
        sink.bytes(REGULAR.open);
        for (Map.Entry<DayOfWeek, DayWindow> e : r.days().entrySet()) {
            DayWindow w = e.getValue();
            if (w == null || w.isEmpty()) {
                continue;
            }
            Tag day = DAYS[e.getKey().ordinal()];
            sink.bytes(day.open);
            // The DTD wants min and max in pairs; a lone bound stands for both.
            pair(DEPMINITIME, DEPMAXITIME, w.depMin(), w.depMax());
            pair(RETMINITIME, RETMAXITIME, w.retMin(), w.retMax());
            sink.bytes(day.close);
        }
        sink.bytes(REGULAR.close);
    }

    private void pair(Tag minTag, Tag maxTag, LocalTime min, LocalTime max) throws IOException {
        if (min == null && max == null) {
            return;
        }
        time(minTag, min != null ? min : max);
        time(maxTag, max != null ? max : min);
    }

    private void element(Tag tag, String value) throws IOException {
        if (isBlank(value)) {
            return;
        }
        sink.bytes(tag.open);
        sink.text(value.strip());
        sink.bytes(tag.close);
    }

    private void decimal(Tag tag, BigDecimal value) throws IOException {
        if (value != null) {
            sink.bytes(tag.open);
            sink.text(value.stripTrailingZeros().toPlainString());
            sink.bytes(tag.close);
        }
    }

    private void integer(Tag tag, Integer value) throws IOException {
        if (value != null) {
            sink.bytes(tag.open);
            sink.number(value);
            sink.bytes(tag.close);
        }
    }

    private void flag(Tag tag, boolean value) throws IOException {
        sink.bytes(tag.open);
        sink.ascii(value ? '1' : '0');
        sink.bytes(tag.close);
    }

    private void date(Tag tag, LocalDate d) throws IOException {
        sink.bytes(tag.open);
        int year = d.getYear();
        if (year >= 0 && year <= 9999) {
            sink.twoDigits(year / 100);
            sink.twoDigits(year % 100);
            sink.ascii('-');
            sink.twoDigits(d.getMonthValue());
            sink.ascii('-');
            sink.twoDigits(d.getDayOfMonth());
        } else {
            sink.text(d.toString());
        }
        sink.bytes(tag.close);
    }

    private void time(Tag tag, LocalTime t) throws IOException {
        sink.bytes(tag.open);
        sink.twoDigits(t.getHour());
        sink.ascii(':');
        sink.twoDigits(t.getMinute());
        sink.bytes(tag.close);
    }

    /** True unless the value would write nothing visible: null, whitespace, or only characters XML 1.0 forbids. */
    private static boolean isBlank(String s) {
        if (s == null) {
            return true;
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0x20 && c < 0xD800 && !Character.isWhitespace(c)) {
                return false;
            }
            if (c >= 0xE000 && c <= 0xFFFD && !Character.isWhitespace(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static final class Tag {
        final byte[] open;
        final byte[] close;

        Tag(String name) {
            open = ascii("<" + name + ">");
            close = ascii("</" + name + ">");
        }
    }
}
