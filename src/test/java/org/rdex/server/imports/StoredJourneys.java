package org.rdex.server.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** What a partner has stored, read back by the import tests: one value per journey, in uuid order. */
final class StoredJourneys {

    private StoredJourneys() {
    }

    /** The SQL {@code expression} over {@code partner_journey} for each of the partner's journeys, as text. */
    static List<String> values(DataSource dataSource, long partnerId, String expression) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select " + expression + " from partner_journey where partner_id = ? order by uuid")) {
            ps.setLong(1, partnerId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
