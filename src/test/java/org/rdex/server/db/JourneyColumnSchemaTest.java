package org.rdex.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.rdex.server.support.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** JourneyColumn against the schema the migrations build: every column, with its type, and nothing else. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class JourneyColumnSchemaTest {

    @Inject
    DataSource dataSource;

    @Test
    void own_journeys_table_has_the_own_columns_and_its_cells() throws SQLException {
        Map<String, String> expected = new TreeMap<>();
        for (JourneyColumn column : JourneyColumn.OWN_COPY) {
            expected.put(column.column(), type(column, "jsonb"));
        }
        expected.put(JourneyColumn.FROM_CELL.column(), "int4");
        expected.put(JourneyColumn.TO_CELL.column(), "int4");
        Map<String, String> actual = columns("journey");
        for (String bookkeeping : Set.of("id", "created_at", "updated_at")) {
            actual.remove(bookkeeping);
        }
        assertEquals(expected, actual);
    }

    @Test
    void partner_journeys_table_has_exactly_the_partner_columns() throws SQLException {
        Map<String, String> expected = new TreeMap<>();
        for (JourneyColumn column : JourneyColumn.PARTNER_COPY) {
            expected.put(column.column(), type(column, "text"));
        }
        assertEquals(expected, columns("partner_journey"));
    }

    @Test
    void the_searched_view_exposes_no_private_column() throws SQLException {
        Map<String, String> view = columns("searchable_journey");
        assertFalse(view.isEmpty());
        for (JourneyColumn column : JourneyColumn.PRIVATE) {
            assertFalse(view.containsKey(column.column()), column.column());
        }
    }

    /** PostgreSQL's name of the column's type ({@code udt_name}); JSON as the table stores it. */
    private static String type(JourneyColumn column, String json) {
        return switch (column.type()) {
            case TEXT -> "text";
            case INT2 -> "int2";
            case INT4 -> "int4";
            case INT8 -> "int8";
            case FLOAT8 -> "float8";
            case NUMERIC -> "numeric";
            case BOOL -> "bool";
            case DATE -> "date";
            case TIME -> "time";
            case INT2_ARRAY -> "_int2";
            case JSON -> json;
        };
    }

    private Map<String, String> columns(String table) throws SQLException {
        Map<String, String> columns = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select column_name, udt_name from information_schema.columns"
                        + " where table_schema = current_schema() and table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }
}
