package org.rdex.server.backup;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rdex.server.common.CliCommand;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Write a consistent copy of the database, the secret key and the TLS certificate to one file,"
                + " while the server runs.")
public class BackupCommand implements CliCommand, Callable<Integer> {

    @CommandLine.Option(names = "--out", required = true, description = "The archive to write (a zip; replaced if it exists).")
    Path out;
    @Inject
    BackupService backups;
    @Inject
    Storage storage;

    @Override
    public Integer call() {
        storage.describe(System.out);
        try {
            BackupManifest m = backups.backup(out);
            System.out.printf("Backup written to %s: schema version %s, %d tables, %d rows, files: %s%n",
                    out.toAbsolutePath().normalize(), m.schemaVersion(), m.tables().size(), m.rows(),
                    m.files().isEmpty() ? "none" : String.join(", ", m.files()));
            System.out.println("It holds secrets (the secret key, the TLS private key, partners' keys sealed with it):"
                    + " keep it like them.");
            if (m.secretKeyFromSetting()) {
                System.out.println("The stored partner keys are sealed with RDEX_SECRET_KEY, which is not in the"
                        + " backup: keep it with the backup.");
            }
            return 0;
        } catch (BackupException e) {
            System.err.println("Backup failed: " + e.getMessage());
            return 1;
        }
    }
}
