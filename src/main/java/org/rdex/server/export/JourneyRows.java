package org.rdex.server.export;

import static org.rdex.server.db.JourneyColumn.PUNCTUAL;
import static org.rdex.server.db.JourneyColumn.PUNCTUAL_DATE;
import static org.rdex.server.db.JourneyColumn.PUNCTUAL_MAX;
import static org.rdex.server.db.JourneyColumn.PUNCTUAL_MIN;
import static org.rdex.server.db.JourneyColumn.SCHEDULE;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.stream.Collectors;

import org.rdex.server.db.JourneyColumn;
import org.rdex.server.db.JourneyColumn.PlaceColumns;
import org.rdex.server.journey.Schedule;
import org.rdex.server.model.SharedJourney;

/**
 * Reads own journeys from a JDBC cursor as RDEX journeys. {@link #SELECT} reads the
 * {@link JourneyColumn#SHARED} columns and nothing else, so the owner's private columns cannot reach a file;
 * values are read by column name.
 */
final class JourneyRows {

    /** Own journeys still valid on the date of the parameter, in a stable order. */
    static final String SELECT = "select "
            + JourneyColumn.SHARED.stream().map(JourneyRows::selected).collect(Collectors.joining(", "))
            + " from journey where active_to >= ? order by id";

    /** The position of each selected column in a result of {@link #SELECT}, looked up by name once. */
    private final int[] positions = new int[JourneyColumn.values().length];

    private JourneyRows(ResultSet rs) throws SQLException {
        for (JourneyColumn column : JourneyColumn.SHARED) {
            positions[column.ordinal()] = rs.findColumn(column.column());
        }
    }

    /** A reader of the rows of {@code rs}, a result of {@link #SELECT}. */
    static JourneyRows of(ResultSet rs) throws SQLException {
        return new JourneyRows(rs);
    }

    /** JSON is read as its text, whatever the column stores it as. */
    private static String selected(JourneyColumn column) {
        return column.type() == JourneyColumn.Type.JSON ? column.column() + "::text as " + column.column()
                : column.column();
    }

    /** The journey's own values are read by their columns' type; places and timing are rebuilt whole. */
    SharedJourney map(ResultSet rs) throws SQLException {
        SharedJourney.Builder b = SharedJourney.builder();
        for (JourneyColumn column : JourneyColumn.SHARED) {
            JourneyColumn.Field<?> field = column.field();
            if (field != null && field.set() != null) {
                field.set(b, column.read(rs, at(column)));
            }
        }
        return b.from(place(rs, PlaceColumns.FROM)).to(place(rs, PlaceColumns.TO)).punctual(punctual(rs))
                .regular(regular(rs)).build();
    }

    /** A punctual journey's date and window (a window with no end closes at its start), else null. */
    private SharedJourney.Punctual punctual(ResultSet rs) throws SQLException {
        if (!rs.getBoolean(at(PUNCTUAL))) {
            return null;
        }
        LocalTime min = time(rs.getTime(at(PUNCTUAL_MIN)));
        LocalTime max = time(rs.getTime(at(PUNCTUAL_MAX)));
        return new SharedJourney.Punctual(date(rs.getDate(at(PUNCTUAL_DATE))), min, max == null ? min : max);
    }

    /** A regular journey's weekday windows, else null. */
    private SharedJourney.Regular regular(ResultSet rs) throws SQLException {
        if (rs.getBoolean(at(PUNCTUAL))) {
            return null;
        }
        return new SharedJourney.Regular(Schedule.fromJson(rs.getString(at(SCHEDULE))));
    }

    private SharedJourney.Place place(ResultSet rs, PlaceColumns end) throws SQLException {
        return new SharedJourney.Place(rs.getString(at(end.location())), rs.getString(at(end.insee())),
                rs.getString(at(end.postalCode())), rs.getString(at(end.address())), rs.getDouble(at(end.lat())),
                rs.getDouble(at(end.lon())), rs.getString(at(end.country())));
    }

    private Integer integer(ResultSet rs, JourneyColumn column) throws SQLException {
        int value = rs.getInt(at(column));
        return rs.wasNull() ? null : value;
    }

    private int at(JourneyColumn column) {
        return positions[column.ordinal()];
    }

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static LocalTime time(Time time) {
        return time == null ? null : time.toLocalTime();
    }
}
