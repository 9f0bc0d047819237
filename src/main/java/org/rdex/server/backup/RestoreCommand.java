package org.rdex.server.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rdex.server.common.CliCommand;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup into this data directory's database, which must hold no data (a fresh data"
                + " directory or an empty database). Run it with the server stopped.")
public class RestoreCommand implements CliCommand, Callable<Integer> {

    @CommandLine.Parameters(index = "0", description = "The archive written by backup --out.")
    Path archive;
    @CommandLine.Option(names = "--replace",
            description = "Delete what the database holds first instead of refusing (never with a server running on it).")
    boolean replace;
    @Inject
    RestoreService restores;
    @Inject
    Storage storage;

    @Override
    public Integer call() {
        storage.describe(System.out);
        if (!Files.isRegularFile(archive)) {
            System.err.println("No such file: " + archive);
            return 2;
        }
        try {
            RestoreService.Result r = restores.restore(archive, replace);
            System.out.printf("Restored %d rows of %d tables (schema version %s, backup of %s) and files: %s%n",
                    r.rows(), r.manifest().tables().size(), r.manifest().schemaVersion(), r.manifest().createdAt(),
                    r.files().isEmpty() ? "none" : String.join(", ", r.files()));
            // A fresh data directory gets a certificate of its own at start; the backup's is the one partners pinned.
            r.replacedFiles().forEach(f -> System.out.println("Replaced " + f + " by the backup's (the one it"
                    + " replaced is kept as " + f + ".before-restore)"));
            if (r.manifest().secretKeyFromSetting()) {
                System.out.println("The stored partner keys were sealed with the RDEX_SECRET_KEY of the server that"
                        + " took the backup: set the same one here.");
            }
            return storage.checkStoredKeys(System.out, r.files().contains(BackupService.SECRET_KEY)) ? 0 : 1;
        } catch (BackupException e) {
            System.err.println("Restore refused: " + e.getMessage());
            return 1;
        }
    }
}
