package org.rdex.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Scratch space of exports and import downloads, {@code <data dir>/<area>/proc-<pid>-<id>/}: one directory per
 * process, marked by a lock this process holds while it lives. A process killed mid-run leaves its directory
 * unlocked, and it is removed at the next start and at the next run, whichever process makes them; a CLI
 * command running beside the server keeps its files.
 */
@ApplicationScoped
public class ScratchFiles {

    private static final Logger LOG = Logger.getLogger(ScratchFiles.class);
    /** Areas holding scratch files; files directly in them are from versions without per-process directories. */
    static final List<String> AREAS = List.of("export", "imports");
    private static final String OWNER = ".owner";

    @Inject
    DataDirectory dataDirectory;

    private record Claim(Path directory, FileChannel channel, FileLock lock) {
    }

    private final Map<String, Claim> claims = new ConcurrentHashMap<>();

    void atStart(@Observes StartupEvent event) {
        for (String area : AREAS) {
            clean(area);
        }
    }

    void atShutdown(@Observes ShutdownEvent event) {
        claims.values().forEach(claim -> {
            try {
                claim.lock().release();
                claim.channel().close();
                deleteTree(claim.directory());
            } catch (IOException e) {
                LOG.debugf("Scratch directory %s left: %s", claim.directory(), e);
            }
        });
        claims.clear();
    }

    /** This process's scratch directory of {@code area}, after removing what dead processes left there. */
    public Path directory(String area) {
        Claim claim = claims.computeIfAbsent(area, this::claim);
        clean(area);
        return claim.directory();
    }

    /** Removes leftovers of processes that are gone; returns how many files and directories went. */
    int clean(String area) {
        Path base = dataDirectory.resolve(area);
        Claim mine = claims.get(area);
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base)) {
            for (Path entry : entries) {
                if (mine != null && entry.equals(mine.directory())) {
                    continue;
                }
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry) && name.startsWith("proc-") && !alive(entry)) {
                    removed += deleteTree(entry);
                } else if (Files.isRegularFile(entry) && (name.startsWith("run-") && name.endsWith(".xml.gz")
                        || name.startsWith("feed-") && name.endsWith(".part"))) {
                    // Scratch names of versions that wrote directly here; other files are the operator's.
                    Files.deleteIfExists(entry);
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warnf("Cannot clean scratch files in %s: %s", base, e.toString());
        }
        if (removed > 0) {
            LOG.infof("Removed %d scratch file(s) left in %s by runs that did not finish", removed, base);
        }
        return removed;
    }

    private Claim claim(String area) {
        Path dir = dataDirectory.resolve(area)
                .resolve("proc-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(OWNER), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new Claim(dir, channel, channel.lock());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the scratch directory " + dir, e);
        }
    }

    /** Whether a process (this JVM included) still holds the directory's lock. */
    private static boolean alive(Path dir) {
        return FileLocks.held(dir.resolve(OWNER));
    }

    private static int deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            int files = 0;
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!Files.isDirectory(p) && !p.getFileName().toString().equals(OWNER)) {
                    files++;
                }
                Files.deleteIfExists(p);
            }
            return files;
        }
    }
}
