package org.rdex.server.db;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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
    UUID("uuid", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    OPERATOR("operator", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    SITE("site", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    FROM_LOCATION("from_location", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    FROM_INSEE("from_insee", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    FROM_POSTALCODE("from_postalcode", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    FROM_ADDRESS("from_address", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    FROM_LAT("from_lat", Type.FLOAT8, Role.SHARED, Written.BY_BOTH),
    FROM_LON("from_lon", Type.FLOAT8, Role.SHARED, Written.BY_BOTH),
    FROM_COUNTRY("from_country", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    TO_LOCATION("to_location", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    TO_INSEE("to_insee", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    TO_POSTALCODE("to_postalcode", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    TO_ADDRESS("to_address", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    TO_LAT("to_lat", Type.FLOAT8, Role.SHARED, Written.BY_BOTH),
    TO_LON("to_lon", Type.FLOAT8, Role.SHARED, Written.BY_BOTH),
    TO_COUNTRY("to_country", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    ROUTE("route", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    DISTANCE_KM("distance_km", Type.NUMERIC, Role.SHARED, Written.BY_BOTH),
    DURATION_MIN("duration_min", Type.INT4, Role.SHARED, Written.BY_BOTH),
    DRIVER("driver", Type.BOOL, Role.SHARED, Written.BY_BOTH),
    PASSENGER("passenger", Type.BOOL, Role.SHARED, Written.BY_BOTH),
    SEATS("seats", Type.INT2, Role.SHARED, Written.BY_BOTH),
    URL("url", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    PSEUDONYM("pseudonym", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    IMAGE_URL("image_url", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    VEHICLE_MODEL("vehicle_model", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    VEHICLE_COLOUR("vehicle_colour", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    PRICE("price", Type.NUMERIC, Role.SHARED, Written.BY_BOTH),
    DETAILS("details", Type.TEXT, Role.SHARED, Written.BY_BOTH),
    ACTIVE_FROM("active_from", Type.DATE, Role.SHARED, Written.BY_BOTH),
    ACTIVE_TO("active_to", Type.DATE, Role.SHARED, Written.BY_BOTH),
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
    /** Columns that never leave the server. */
    public static final List<JourneyColumn> PRIVATE = select(c -> c.role == Role.PRIVATE);

    private final String column;
    private final Type type;
    private final Role role;
    private final Written written;

    JourneyColumn(String column, Type type, Role role, Written written) {
        this.column = column;
        this.type = type;
        this.role = role;
        this.written = written;
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
