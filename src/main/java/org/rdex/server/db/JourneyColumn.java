package org.rdex.server.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.rdex.server.model.JourneyIntake;
import org.rdex.server.model.SharedJourney;

/**
 * The columns of the two journey tables, {@code journey} (our own journeys) and {@code partner_journey} (one
 * partition per partner), defined once: name, value type, and which table's COPY writes them. The declaration
 * order is the COPY order of both writers ({@link #OWN_COPY}, {@link #PARTNER_COPY}).
 *
 * <p>{@link Role#PRIVATE} columns hold what the platform told us about the journey's owner. They are the
 * reason own journeys can be relayed a contact message, and must never leave the server: no export, no
 * search, no partner API reads them. What may be sent out is {@link #SHARED}; the search also reads the
 * search keys and the partner, neither of which is the owner's.
 */
public enum JourneyColumn {

    PARTNER_ID("partner_id", Type.INT8, Role.SOURCE, Written.BY_PARTNER_COPY),
    EXTERNAL_ID("external_id", Type.TEXT, Role.PRIVATE, Written.BY_OWN_COPY),
    UUID("uuid", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::uuid, SharedJourney.Builder::uuid).inSearch()),
    OPERATOR("operator", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::operator, SharedJourney.Builder::operator).inSearch()),
    SITE("site", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::site, SharedJourney.Builder::site).inSearch()),
    FROM_LOCATION("from_location", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            of(j -> j.from().location())),
    FROM_INSEE("from_insee", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            of(j -> j.from().insee())),
    FROM_POSTALCODE("from_postalcode", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            of(j -> j.from().postalCode())),
    FROM_ADDRESS("from_address", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            of(j -> j.from().address())),
    FROM_LAT("from_lat", Type.FLOAT8, Role.SHARED, Written.BY_BOTH,
            of(j -> j.from().lat())),
    FROM_LON("from_lon", Type.FLOAT8, Role.SHARED, Written.BY_BOTH,
            of(j -> j.from().lon())),
    FROM_COUNTRY("from_country", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            of(j -> j.from().country())),
    TO_LOCATION("to_location", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            of(j -> j.to().location())),
    TO_INSEE("to_insee", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            of(j -> j.to().insee())),
    TO_POSTALCODE("to_postalcode", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            of(j -> j.to().postalCode())),
    TO_ADDRESS("to_address", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            of(j -> j.to().address())),
    TO_LAT("to_lat", Type.FLOAT8, Role.SHARED, Written.BY_BOTH,
            of(j -> j.to().lat())),
    TO_LON("to_lon", Type.FLOAT8, Role.SHARED, Written.BY_BOTH,
            of(j -> j.to().lon())),
    TO_COUNTRY("to_country", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            of(j -> j.to().country())),
    ROUTE("route", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::route, SharedJourney.Builder::route)),
    DISTANCE_KM("distance_km", Type.NUMERIC, Role.SHARED, Written.BY_BOTH,
            decimal(SharedJourney::distanceKm, SharedJourney.Builder::distanceKm, 1).inSearch()),
    DURATION_MIN("duration_min", Type.INT4, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::minutes, SharedJourney.Builder::minutes).inSearch()),
    DRIVER("driver", Type.BOOL, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::driver, SharedJourney.Builder::driver).inSearch()),
    PASSENGER("passenger", Type.BOOL, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::passenger, SharedJourney.Builder::passenger).inSearch()),
    SEATS("seats", Type.INT2, Role.SHARED, Written.BY_BOTH,
            field(j -> JourneyIntake.seats(j.seats()), SharedJourney.Builder::seats).inSearch()),
    URL("url", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::url, SharedJourney.Builder::url).inSearch()),
    PSEUDONYM("pseudonym", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::pseudonym, SharedJourney.Builder::pseudonym).inSearch()),
    IMAGE_URL("image_url", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::image, SharedJourney.Builder::image)),
    VEHICLE_MODEL("vehicle_model", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::vehicleModel, SharedJourney.Builder::vehicleModel)),
    VEHICLE_COLOUR("vehicle_colour", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::vehicleColour, SharedJourney.Builder::vehicleColour)),
    PRICE("price", Type.NUMERIC, Role.SHARED, Written.BY_BOTH,
            decimal(SharedJourney::price, SharedJourney.Builder::price, 2).inSearch()),
    DETAILS("details", Type.TEXT, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::details, SharedJourney.Builder::details)),
    ACTIVE_FROM("active_from", Type.DATE, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::activeFrom, SharedJourney.Builder::activeFrom).inSearch()),
    ACTIVE_TO("active_to", Type.DATE, Role.SHARED, Written.BY_BOTH,
            field(SharedJourney::activeTo, SharedJourney.Builder::activeTo).inSearch()),
    PUNCTUAL("punctual", Type.BOOL, Role.SHARED, Written.BY_BOTH),
    PUNCTUAL_DATE("punctual_date", Type.DATE, Role.SHARED, Written.BY_BOTH),
    PUNCTUAL_MIN("punctual_min", Type.TIME, Role.SHARED, Written.BY_BOTH),
    PUNCTUAL_MAX("punctual_max", Type.TIME, Role.SHARED, Written.BY_BOTH),
    /** Weekday windows of a regular journey (see journey.Schedule); null for a punctual one. */
    SCHEDULE("schedule", Type.JSON, Role.SHARED, Written.BY_BOTH),
    DAYS_MASK("days_mask", Type.INT2, Role.SEARCH_KEY, Written.BY_BOTH),
    OWNER_REF("owner_ref", Type.TEXT, Role.PRIVATE, Written.BY_OWN_COPY),
    OWNER_EMAIL("owner_email", Type.TEXT, Role.PRIVATE, Written.BY_OWN_COPY),
    /** Own journeys compute their cells in the table (a generated column); the importer writes them. */
    FROM_CELL("from_cell", Type.INT4, Role.SEARCH_KEY, Written.BY_PARTNER_COPY),
    TO_CELL("to_cell", Type.INT4, Role.SEARCH_KEY, Written.BY_PARTNER_COPY),
    DEP_LO("dep_lo", Type.INT2_ARRAY, Role.SEARCH_KEY, Written.BY_BOTH),
    DEP_HI("dep_hi", Type.INT2_ARRAY, Role.SEARCH_KEY, Written.BY_BOTH),
    RET_LO("ret_lo", Type.INT2_ARRAY, Role.SEARCH_KEY, Written.BY_BOTH),
    RET_HI("ret_hi", Type.INT2_ARRAY, Role.SEARCH_KEY, Written.BY_BOTH),
    DEP_LO_MIN("dep_lo_min", Type.INT2, Role.SEARCH_KEY, Written.BY_BOTH),
    DEP_HI_MAX("dep_hi_max", Type.INT2, Role.SEARCH_KEY, Written.BY_BOTH),
    RET_LO_MIN("ret_lo_min", Type.INT2, Role.SEARCH_KEY, Written.BY_BOTH),
    RET_HI_MAX("ret_hi_max", Type.INT2, Role.SEARCH_KEY, Written.BY_BOTH);

    /** What a column's values are, as the writers send them. */
    public enum Type {
        TEXT, INT2, INT4, INT8, FLOAT8, NUMERIC, BOOL, DATE, TIME, INT2_ARRAY,
        /** JSON text: {@code jsonb} in {@code journey}, plain {@code text} in {@code partner_journey}. */
        JSON
    }

    /** Why a column exists, which decides who may read it. */
    public enum Role {
        /** Part of the journey as shared with partners (the fields of model.SharedJourney). */
        SHARED,
        /** Derived from the shared columns so that a search can use an index; never shown as such. */
        SEARCH_KEY,
        /** Which partner a journey came from; absent (null) for own journeys. */
        SOURCE,
        /** The owner's data: kept on this server only. */
        PRIVATE
    }

    private enum Written {
        BY_OWN_COPY, BY_PARTNER_COPY, BY_BOTH
    }

    /** Columns the COPY of own journeys ({@code journey}) fills, in order. */
    public static final List<JourneyColumn> OWN_COPY = select(c -> c.written != Written.BY_PARTNER_COPY);
    /** Columns the COPY of a partner's journeys ({@code partner_journey}) fills, in order. */
    public static final List<JourneyColumn> PARTNER_COPY = select(c -> c.written != Written.BY_OWN_COPY);
    /** Columns that may be sent out (export files, search results, partner APIs). */
    public static final List<JourneyColumn> SHARED = select(c -> c.role == Role.SHARED);
    /**
     * The journey's own values a search answer shows, in declaration order; the search adds the partner, the
     * places it measured and the timing it needs to describe when the journey runs.
     */
    public static final List<JourneyColumn> SEARCH_SHOWN = select(c -> c.field != null && c.field.shown());
    /** Columns that never leave the server. */
    public static final List<JourneyColumn> PRIVATE = select(c -> c.role == Role.PRIVATE);

    private final String column;
    private final Type type;
    private final Role role;
    private final Written written;
    private final Field<?> field;

    JourneyColumn(String column, Type type, Role role, Written written) {
        this(column, type, role, written, null);
    }

    JourneyColumn(String column, Type type, Role role, Written written, Field<?> field) {
        this.column = column;
        this.type = type;
        this.role = role;
        this.written = written;
        this.field = field;
    }

    /**
     * How a column holding one value of {@link SharedJourney} reads it ({@code get}, as the partner COPY
     * stores it) and gives it back to a builder ({@code set}, null for the parts of a place, which
     * {@link PlaceColumns} rebuilds whole). {@code scale} is a numeric column's number of decimals;
     * {@code shown}: the search's answers show it (see {@link #SEARCH_SHOWN}). Columns derived from the timing
     * or kept private have no field: their writers compute them.
     */
    public record Field<T>(Function<SharedJourney, T> get, BiConsumer<SharedJourney.Builder, T> set, int scale,
            boolean shown) {

        Field<T> inSearch() {
            return new Field<>(get, set, scale, true);
        }

        /** Gives {@code value}, read from this column, to {@code builder}; a no-op for a place's part. */
        @SuppressWarnings("unchecked")
        public void set(SharedJourney.Builder builder, Object value) {
            if (set != null) {
                set.accept(builder, (T) value);
            }
        }
    }

    private static <T> Field<T> field(Function<SharedJourney, T> get, BiConsumer<SharedJourney.Builder, T> set) {
        return new Field<>(get, set, 0, false);
    }

    private static <T> Field<T> decimal(Function<SharedJourney, T> get, BiConsumer<SharedJourney.Builder, T> set,
            int scale) {
        return new Field<>(get, set, scale, false);
    }

    private static <T> Field<T> of(Function<SharedJourney, T> get) {
        return new Field<>(get, null, 0, false);
    }

    /**
     * This column's value at {@code position} of {@code rs}, as its {@link Field} takes it: a whole number as
     * an {@code Integer} (null stays null), a date as a {@code LocalDate}, a null boolean as false.
     */
    public Object read(ResultSet rs, int position) throws SQLException {
        return switch (type) {
            case TEXT, JSON -> rs.getString(position);
            case NUMERIC -> rs.getBigDecimal(position);
            case INT2, INT4 -> {
                int value = rs.getInt(position);
                yield rs.wasNull() ? null : value;
            }
            case BOOL -> rs.getBoolean(position);
            case DATE -> rs.getObject(position, LocalDate.class);
            case FLOAT8 -> rs.getDouble(position);
            case INT8, TIME, INT2_ARRAY -> throw new IllegalArgumentException(column + " is no journey field");
        };
    }

    /** The column's {@link Field}, or null when its value is derived or private (not one of the journey's). */
    public Field<?> field() {
        return field;
    }

    /** The column's name in SQL. */
    public String column() {
        return column;
    }

    public Type type() {
        return type;
    }

    public Role role() {
        return role;
    }

    /** {@code name, name, ...} for a column list in SQL. */
    public static String names(List<JourneyColumn> columns) {
        return columns.stream().map(JourneyColumn::column).collect(Collectors.joining(", "));
    }

    private static List<JourneyColumn> select(Predicate<JourneyColumn> which) {
        return Arrays.stream(values()).filter(which).toList();
    }

    /** The columns of one end of a journey, its departure ({@link #FROM}) or its arrival ({@link #TO}). */
    public record PlaceColumns(JourneyColumn location, JourneyColumn insee, JourneyColumn postalCode,
            JourneyColumn address, JourneyColumn lat, JourneyColumn lon, JourneyColumn country, JourneyColumn cell) {

        public static final PlaceColumns FROM = new PlaceColumns(FROM_LOCATION, FROM_INSEE, FROM_POSTALCODE,
                FROM_ADDRESS, FROM_LAT, FROM_LON, FROM_COUNTRY, FROM_CELL);
        public static final PlaceColumns TO = new PlaceColumns(TO_LOCATION, TO_INSEE, TO_POSTALCODE, TO_ADDRESS,
                TO_LAT, TO_LON, TO_COUNTRY, TO_CELL);
    }
}
