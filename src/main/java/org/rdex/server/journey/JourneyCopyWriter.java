package org.rdex.server.journey;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.rdex.server.db.JourneyColumn;

/**
 * Bulk insert of own journeys with PostgreSQL {@code COPY} (text, CSV), for {@code journeys generate} and
 * {@code journeys load}: one statement streams every row instead of a round trip per insert, and nothing
 * accumulates in memory. Writes the columns of {@link JourneyColumn#OWN_COPY}, in that order.
 */
final class JourneyCopyWriter implements AutoCloseable {

    private static final JourneyColumn[] COLUMNS = JourneyColumn.OWN_COPY.toArray(JourneyColumn[]::new);

    private final OutputStream copy;
    private final Writer out;
    private long rows;

    JourneyCopyWriter(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        this.copy = new PGCopyOutputStream(pg, "copy journey (" + JourneyColumn.names(JourneyColumn.OWN_COPY)
                + ") from stdin (format csv)", 1 << 16);
        this.out = new OutputStreamWriter(copy, StandardCharsets.UTF_8);
    }

    void write(Journey j) throws IOException {
        for (int i = 0; i < COLUMNS.length; i++) {
            field(value(j, COLUMNS[i]));
            out.write(i == COLUMNS.length - 1 ? '\n' : ',');
        }
        rows++;
    }

    /** The value {@code j} gives {@code column}, in a form {@link #field} writes as COPY reads it. */
    static Object value(Journey j, JourneyColumn column) {
        return switch (column) {
            case EXTERNAL_ID -> j.externalId;
            case UUID -> j.uuid;
            case OPERATOR -> j.operator;
            case SITE -> j.site;
            case FROM_LOCATION -> j.fromLocation;
            case FROM_INSEE -> j.fromInsee;
            case FROM_POSTALCODE -> j.fromPostalCode;
            case FROM_ADDRESS -> j.fromAddress;
            case FROM_LAT -> j.fromLat;
            case FROM_LON -> j.fromLon;
            case FROM_COUNTRY -> j.fromCountry;
            case TO_LOCATION -> j.toLocation;
            case TO_INSEE -> j.toInsee;
            case TO_POSTALCODE -> j.toPostalCode;
            case TO_ADDRESS -> j.toAddress;
            case TO_LAT -> j.toLat;
            case TO_LON -> j.toLon;
            case TO_COUNTRY -> j.toCountry;
            case ROUTE -> j.route;
            case DISTANCE_KM -> j.distanceKm;
            case DURATION_MIN -> j.durationMin;
            case DRIVER -> j.driver;
            case PASSENGER -> j.passenger;
            case SEATS -> j.seats;
            case URL -> j.url;
            case PSEUDONYM -> j.pseudonym;
            case IMAGE_URL -> j.imageUrl;
            case VEHICLE_MODEL -> j.vehicleModel;
            case VEHICLE_COLOUR -> j.vehicleColour;
            case PRICE -> j.price;
            case DETAILS -> j.details;
            case ACTIVE_FROM -> j.activeFrom;
            case ACTIVE_TO -> j.activeTo;
            case PUNCTUAL -> j.punctual;
            case PUNCTUAL_DATE -> j.punctualDate;
            case PUNCTUAL_MIN -> j.punctualMin;
            case PUNCTUAL_MAX -> j.punctualMax;
            case SCHEDULE -> j.schedule;
            case DAYS_MASK -> j.daysMask;
            case OWNER_REF -> j.ownerRef;
            case OWNER_EMAIL -> j.ownerEmail;
            case DEP_LO -> array(j.depLo);
            case DEP_HI -> array(j.depHi);
            case RET_LO -> array(j.retLo);
            case RET_HI -> array(j.retHi);
            case DEP_LO_MIN -> j.depLoMin;
            case DEP_HI_MAX -> j.depHiMax;
            case RET_LO_MIN -> j.retLoMin;
            case RET_HI_MAX -> j.retHiMax;
            case PARTNER_ID, FROM_CELL, TO_CELL -> throw new IllegalArgumentException(
                    column.column() + " is not written by the COPY of own journeys");
        };
    }

    /** An array's text form ({480,NULL,...}), quoted like any text by {@link #field}. */
    private static String array(Short[] values) {
        if (values == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(40).append('{');
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(values[i] == null ? "NULL" : values[i].toString());
        }
        return sb.append('}').toString();
    }

    /** CSV: null is an empty unquoted field, text is always quoted so an empty string stays a string. */
    private void field(Object value) throws IOException {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            out.write('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    out.write('"');
                }
                out.write(c);
            }
            out.write('"');
        } else {
            out.write(value.toString());
        }
    }

    long rows() {
        return rows;
    }

    /** Ends the COPY; the rows become visible when the caller's transaction commits. */
    @Override
    public void close() throws IOException {
        out.flush();
        copy.close();
    }
}
