package org.rdex.server.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.jboss.logging.Logger;

/**
 * Liveness through file locks: a process holds an exclusive lock on a file for as long as it owns what the file
 * stands for (a PostgreSQL data directory, a scratch directory), and the kernel drops the lock when the process
 * dies, however it dies.
 */
final class FileLocks {

    private static final Logger LOG = Logger.getLogger(FileLocks.class);

    private FileLocks() {
    }

    /**
     * Whether a live process, this JVM included, holds {@code file}'s lock. A missing file is free; a file whose
     * lock cannot be probed counts as held, so that nothing a live owner may still use is ever taken.
     */
    static boolean held(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            LOG.warnf("Cannot probe the lock of %s (%s); treating it as held", file, e);
            return true;
        }
    }
}
