package org.rdex.server.journey;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import jakarta.persistence.Column;

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

    /**
     * The entity's field for each column of {@link JourneyColumn#OWN_COPY}, found once by its JPA mapping
     * (its {@code @Column} name, or its own name): a new column needs no line here, only its field in
     * {@link Journey}.
     */
    private static final Map<JourneyColumn, Field> FIELDS = fields();

    private static Map<JourneyColumn, Field> fields() {
        Map<String, Field> byName = new HashMap<>();
        // Declared, not public: Panache turns an entity's public fields into private ones with accessors.
        for (Field f : Journey.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                continue;
            }
            f.setAccessible(true);
            Column mapped = f.getAnnotation(Column.class);
            byName.put(mapped != null && !mapped.name().isEmpty() ? mapped.name() : f.getName(), f);
        }
        Map<JourneyColumn, Field> fields = new EnumMap<>(JourneyColumn.class);
        for (JourneyColumn column : JourneyColumn.OWN_COPY) {
            Field f = byName.get(column.column());
            if (f == null) {
                throw new IllegalStateException("Journey has no field for the column " + column.column());
            }
            fields.put(column, f);
        }
        return fields;
    }

    /** The value {@code j} gives {@code column}, in a form {@link #field} writes as COPY reads it. */
    static Object value(Journey j, JourneyColumn column) {
        Field f = FIELDS.get(column);
        if (f == null) {
            throw new IllegalArgumentException(column.column() + " is not written by the COPY of own journeys");
        }
        Object value;
        try {
            value = f.get(j);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Journey." + f.getName() + " cannot be read", e);
        }
        return value instanceof Short[] array ? array(array) : value;
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
