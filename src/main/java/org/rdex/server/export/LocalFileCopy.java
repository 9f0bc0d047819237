package org.rdex.server.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;
import org.rdex.server.db.DataDirectory;
import org.rdex.server.common.DatabaseOutage;
import org.rdex.server.common.DatabaseState;
import org.rdex.server.common.RuntimeSettings;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * This instance's copy, on local disk, of the file published in PostgreSQL. Downloads are served from it
 * when its SHA-256 is the published one, so a download in progress does not depend on the database; and
 * while PostgreSQL cannot be read, the last copy is served as the current file.
 *
 * <p>Only a published run is copied, and a copy is used only once its bytes hash to the run's SHA-256
 * (checked when written and again when read back at start): a partial or foreign file is never served.
 */
@ApplicationScoped
public class LocalFileCopy {

    private static final Logger LOG = Logger.getLogger(LocalFileCopy.class);
    private static final String META = "published.properties";

    @Inject
    ExportStore store;
    @Inject
    DataDirectory dataDirectory;
    /** CLI commands serve nothing: they neither read nor write the server's copy. */
    @Inject
    RuntimeSettings runtime;
    @Inject
    DatabaseState database;

    private record Copy(ExportStore.Published file, Path path) {
    }

    private volatile Copy copy;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rdex-export-local-copy");
        t.setDaemon(true);
        return t;
    });

    void load(@Observes StartupEvent event) {
        if (runtime.cli()) {
            return;
        }
        refresher.execute(() -> {
            loadFromDisk();
            sync();
        });
    }

    void close(@Observes ShutdownEvent event) {
        refresher.shutdownNow();
    }

    /**
     * The published file: from PostgreSQL, or, when PostgreSQL cannot be read, the verified local copy.
     * Outages without a local copy propagate (answered 503).
     */
    public Optional<ExportStore.Published> current() {
        Copy known = copy;
        if (database.down()) {
            if (known == null) {
                throw database.unavailable();
            }
            return Optional.of(known.file());
        }
        try {
            Optional<ExportStore.Published> published = store.current();
            published.ifPresent(this::refreshIfStale);
            return published;
        } catch (RuntimeException e) {
            Copy local = copy;
            if (local != null && DatabaseOutage.isCause(e)) {
                database.failed(e);
                LOG.debugf("Database unavailable: serving the local copy of run %d", local.file().runId());
                return Optional.of(local.file());
            }
            throw e;
        }
    }

    /** Writes the bytes of {@code file}: from the local copy when it is that file, else from PostgreSQL. */
    public void copyTo(ExportStore.Published file, OutputStream out) throws IOException {
        Copy local = copy;
        if (local != null && local.file().sha256().equals(file.sha256())) {
            try (InputStream in = Files.newInputStream(local.path())) {
                in.transferTo(out);
                return;
            } catch (java.nio.file.NoSuchFileException e) {
                LOG.warnf("Local copy %s vanished; reading the file from the database", local.path());
            }
        }
        store.copyTo(file.runId(), out);
    }

    /**
     * Writes {@code length} bytes of {@code file} from {@code offset} out of the local copy, when the copy is that
     * file; false (nothing written) otherwise, and the caller reads the database.
     */
    public boolean copyLocal(ExportStore.Published file, long offset, long length, OutputStream out) throws IOException {
        Copy local = copy;
        if (local == null || !local.file().sha256().equals(file.sha256())) {
            return false;
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(local.path())) {
            long done = channel.transferTo(offset, length, java.nio.channels.Channels.newChannel(out));
            while (done < length) {
                long n = channel.transferTo(offset + done, length - done, java.nio.channels.Channels.newChannel(out));
                if (n <= 0) {
                    throw new IOException("local copy shorter than its published size");
                }
                done += n;
            }
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            LOG.warnf("Local copy %s vanished; reading the file from the database", local.path());
            return false;
        }
    }

    /** Brings the local copy up to the published file; a no-op when it already is, or PostgreSQL is away. */
    @Scheduled(identity = "rdex-export-local-copy", every = "${rdex.export.local-copy-check:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sync() {
        if (runtime.cli()) {
            return;
        }
        try {
            store.current().ifPresent(this::refresh);
        } catch (RuntimeException e) {
            LOG.debugf("Local copy not checked: %s", e.toString());
        }
    }

    /** The run whose verified copy is on disk, if any. */
    public Optional<ExportStore.Published> local() {
        Copy local = copy;
        return local == null ? Optional.empty() : Optional.of(local.file());
    }

    private void refreshIfStale(ExportStore.Published published) {
        Copy local = copy;
        if ((local == null || !local.file().sha256().equals(published.sha256())) && refreshing.compareAndSet(false, true)) {
            try {
                refresher.execute(() -> {
                    try {
                        sync();
                    } finally {
                        refreshing.set(false);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                refreshing.set(false);
            }
        }
    }

    private synchronized void refresh(ExportStore.Published published) {
        Copy local = copy;
        if (local != null && local.file().sha256().equals(published.sha256())) {
            return;
        }
        Path dir = dataDirectory.resolve("published");
        Path target = dir.resolve(published.sha256() + ".xml.gz");
        Path part = dir.resolve(published.sha256() + "." + ProcessHandle.current().pid() + ".part");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), sha256)) {
                store.copyTo(published.runId(), out);
            }
            String digest = HexFormat.of().formatHex(sha256.digest());
            if (!digest.equals(published.sha256()) || Files.size(part) != published.bytes()) {
                // A newer export replaced the run while it was read: the next check copies that one.
                LOG.infof("Local copy of run %d not kept: its bytes are not the published ones", published.runId());
                Files.deleteIfExists(part);
                return;
            }
            move(part, target);
            writeMeta(dir, published);
            copy = new Copy(published, target);
            LOG.infof("Local copy of the published file (run %d, %d bytes) in %s", published.runId(), published.bytes(),
                    target);
            deleteOthers(dir, target);
        } catch (IOException | NoSuchAlgorithmException e) {
            LOG.warnf("Cannot keep a local copy of the published file: %s", e.toString());
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // Removed at the next start.
            }
        }
    }

    private void loadFromDisk() {
        Path dir = dataDirectory.resolve("published");
        Path meta = dir.resolve(META);
        if (!Files.isRegularFile(meta)) {
            return;
        }
        try (Reader reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(reader);
            ExportStore.Published file = new ExportStore.Published(Long.parseLong(p.getProperty("runId")),
                    p.getProperty("sha256"), Long.parseLong(p.getProperty("bytes")), Long.parseLong(p.getProperty("journeys")),
                    Instant.parse(p.getProperty("publishedAt")), Boolean.parseBoolean(p.getProperty("minimal")));
            Path path = dir.resolve(file.sha256() + ".xml.gz");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(path);
                    OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
                in.transferTo(sink);
            }
            if (HexFormat.of().formatHex(sha256.digest()).equals(file.sha256()) && Files.size(path) == file.bytes()) {
                copy = new Copy(file, path);
                deleteOthers(dir, path);
                LOG.infof("Verified local copy of the published file (run %d)", file.runId());
            } else {
                LOG.warnf("Local copy %s does not match its SHA-256; ignored", path);
            }
        } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
            LOG.warnf("Ignoring the unreadable local copy in %s: %s", dir, e.toString());
        }
    }

    private static void writeMeta(Path dir, ExportStore.Published file) throws IOException {
        Properties p = new Properties();
        p.setProperty("runId", Long.toString(file.runId()));
        p.setProperty("sha256", file.sha256());
        p.setProperty("bytes", Long.toString(file.bytes()));
        p.setProperty("journeys", Long.toString(file.journeys()));
        p.setProperty("publishedAt", file.publishedAt().toString());
        p.setProperty("minimal", Boolean.toString(file.minimal()));
        Path tmp = dir.resolve(META + ".part");
        try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(writer, "The published RDEX file this directory holds a verified copy of");
        }
        move(tmp, dir.resolve(META));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Older copies and interrupted writes; a download still reading a deleted copy keeps its open file. */
    private static void deleteOthers(Path dir, Path keep) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{xml.gz,part}")) {
            for (Path f : files) {
                if (!f.equals(keep)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
