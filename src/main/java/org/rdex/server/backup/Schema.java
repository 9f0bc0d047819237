package org.rdex.server.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tables a backup copies, read from PostgreSQL's catalogue rather than listed here, so that a table a later
 * migration adds is backed up without anyone remembering to.
 */
final class Schema {

    /**
     * Not data: Flyway's history is rebuilt by migrating the target; heartbeats belong to the processes alive on
     * the source. Load tables are what a crashed import left behind (the next import drops them).
     */
    private static final Set<String> SKIPPED = Set.of("flyway_schema_history", "instance_heartbeat");
    private static final Pattern LOAD_TABLE = Pattern.compile("partner_journey_\\d+_load");

    /** A table as the catalogue describes it. */
    record TableInfo(String name, boolean partitioned, List<String> columns, List<String> identity,
            List<BackupManifest.Partition> partitions) {
    }

    private Schema() {
    }

    /** The Flyway version the database is at, or empty when Flyway never ran on it. */
    static java.util.Optional<String> version(Connection c) throws SQLException {
        if (!exists(c, "flyway_schema_history")) {
            return java.util.Optional.empty();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select version from flyway_schema_history"
                + " where success and version is not null order by installed_rank desc limit 1")) {
            return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
        }
    }

    static String postgresVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The data tables, each after the tables its foreign keys reference. */
    static List<TableInfo> tables(Connection c) throws SQLException {
        Map<String, Boolean> names = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select c.relname, c.relkind = 'p'"
                + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition"
                + " order by c.relname")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (!SKIPPED.contains(name) && !LOAD_TABLE.matcher(name).matches()) {
                    names.put(name, rs.getBoolean(2));
                }
            }
        }
        Map<String, TableInfo> infos = new LinkedHashMap<>();
        for (Map.Entry<String, Boolean> t : names.entrySet()) {
            infos.put(t.getKey(), new TableInfo(t.getKey(), t.getValue(), columns(c, t.getKey(), false),
                    columns(c, t.getKey(), true), t.getValue() ? partitions(c, t.getKey()) : List.of()));
        }
        return ordered(infos, references(c));
    }

    private static List<String> columns(Connection c, String table, boolean identityOnly) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select attname from pg_attribute"
                + " where attrelid = to_regclass(quote_ident(?)) and attnum > 0 and not attisdropped"
                + " and attgenerated = ''" + (identityOnly ? " and attidentity <> ''" : "") + " order by attnum")) {
            ps.setString(1, table);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static List<BackupManifest.Partition> partitions(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select p.relname, pg_get_expr(p.relpartbound, p.oid)"
                + " from pg_inherits i join pg_class p on p.oid = i.inhrelid"
                + " where i.inhparent = to_regclass(quote_ident(?)) order by p.relname")) {
            ps.setString(1, table);
            List<BackupManifest.Partition> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BackupManifest.Partition(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        }
    }

    /** Table to the tables it references, by foreign key (self-references left out). */
    private static Map<String, Set<String>> references(Connection c) throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select f.relname, t.relname"
                + " from pg_constraint k join pg_class f on f.oid = k.conrelid join pg_class t on t.oid = k.confrelid"
                + " join pg_namespace n on n.oid = f.relnamespace"
                + " where k.contype = 'f' and n.nspname = current_schema() and f.oid <> t.oid")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    /** Depth-first: a table's referenced tables first; the catalogue has no cycle of foreign keys between them. */
    private static List<TableInfo> ordered(Map<String, TableInfo> infos, Map<String, Set<String>> references) {
        List<TableInfo> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String name : infos.keySet()) {
            visit(name, infos, references, done, new LinkedHashSet<>(), out);
        }
        return out;
    }

    private static void visit(String name, Map<String, TableInfo> infos, Map<String, Set<String>> references,
            Set<String> done, Set<String> path, List<TableInfo> out) {
        if (done.contains(name) || !infos.containsKey(name)) {
            return;
        }
        if (!path.add(name)) {
            throw new BackupException("Foreign keys form a cycle through " + path + "; cannot order the restore");
        }
        for (String referenced : references.getOrDefault(name, Set.of())) {
            visit(referenced, infos, references, done, path, out);
        }
        path.remove(name);
        done.add(name);
        out.add(infos.get(name));
    }

    static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(quote_ident(?)) is not null")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** A SQL identifier, quoted: names come from the catalogue or from an archive, never trusted as SQL. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Names quoted and separated by commas. */
    static String identifiers(List<String> names) {
        return String.join(", ", names.stream().map(Schema::quote).toList());
    }
}
