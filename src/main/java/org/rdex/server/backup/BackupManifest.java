package org.rdex.server.backup;

import java.time.Instant;
import java.util.List;

/**
 * What a backup archive holds, written into it as {@code manifest.json}: enough to refuse a restore that cannot
 * work (another format, another schema version) and to check that every row came back.
 *
 * @param format                 {@link #FORMAT}
 * @param schemaVersion          the Flyway version of the database it was taken from; a restore needs the same
 * @param tables                 in an order where a table comes after those its foreign keys reference
 * @param files                  files of the data directory, relative to it (the secret key, the TLS certificate)
 * @param secretKeyFromSetting   the stored secrets are sealed with {@code RDEX_SECRET_KEY}, which is not in the archive
 */
public record BackupManifest(String format, Instant createdAt, String schemaVersion, String postgresVersion,
        List<Table> tables, List<String> files, boolean secretKeyFromSetting) {

    public static final String FORMAT = "rdex-backup-1";

    /**
     * One table's rows, in PostgreSQL's COPY text format, in the archive entry {@link #entry()}.
     *
     * @param columns    the stored columns (generated ones are computed again on restore)
     * @param identity   identity columns, whose sequences restart after the restored values
     * @param partitions of a partitioned table: created before its rows are copied in
     */
    public record Table(String name, List<String> columns, List<String> identity, long rows,
            List<Partition> partitions) {

        public String entry() {
            return "tables/" + name + ".copy";
        }
    }

    /** A partition and its bound as PostgreSQL prints it ({@code FOR VALUES IN ('7')}). */
    public record Partition(String name, String bound) {
    }

    public long rows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }
}
