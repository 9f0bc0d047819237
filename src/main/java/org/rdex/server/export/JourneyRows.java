package org.rdex.server.export;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalDate;
import java.time.LocalTime;

import org.rdex.server.journey.Schedule;
import org.rdex.server.model.SharedJourney;

/** Reads own journeys from a JDBC cursor as RDEX journeys: the columns of {@link #SELECT}, in order. */
final class JourneyRows {

    static final String SELECT = "select uuid, operator, site,"
            + " from_location, from_insee, from_postalcode, from_address, from_lat, from_lon, from_country,"
            + " to_location, to_insee, to_postalcode, to_address, to_lat, to_lon, to_country,"
            + " distance_km, duration_min, route, url, pseudonym, image_url, price, vehicle_model, vehicle_colour,"
            + " driver, passenger, seats, active_from, active_to, details,"
            + " punctual, punctual_date, punctual_min, punctual_max, schedule::text"
            + " from journey where active_to >= ? order by id";

    private JourneyRows() {
    }

    static SharedJourney map(ResultSet rs) throws SQLException {
        int seats = rs.getInt(29);
        boolean noSeats = rs.wasNull();
        SharedJourney.Punctual punctual = null;
        SharedJourney.Regular regular = null;
        if (rs.getBoolean(33)) {
            LocalTime min = time(rs.getTime(35));
            LocalTime max = time(rs.getTime(36));
            punctual = new SharedJourney.Punctual(date(rs.getDate(34)), min, max == null ? min : max);
        } else {
            regular = new SharedJourney.Regular(Schedule.fromJson(rs.getString(37)));
        }
        return new SharedJourney(
                rs.getString(2), rs.getString(3), rs.getString(1),
                place(rs, 4), place(rs, 11),
                rs.getBigDecimal(18), integer(rs, 19), rs.getString(20), rs.getString(21), rs.getString(22),
                rs.getString(23), rs.getBigDecimal(24), rs.getString(25), rs.getString(26),
                rs.getBoolean(27), rs.getBoolean(28), noSeats ? null : seats,
                date(rs.getDate(30)), date(rs.getDate(31)), rs.getString(32), punctual, regular);
    }

    private static SharedJourney.Place place(ResultSet rs, int first) throws SQLException {
        return new SharedJourney.Place(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2),
                rs.getString(first + 3), rs.getDouble(first + 4), rs.getDouble(first + 5), rs.getString(first + 6));
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static LocalTime time(Time time) {
        return time == null ? null : time.toLocalTime();
    }
}
