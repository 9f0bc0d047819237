package org.rdex.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.rdex.server.common.RuntimeSettings;

/** Scratch files of killed exports and imports are removed; those of live processes and the operator's stay. */
class ScratchFilesUnitTest {

    @Test
    void removes_what_dead_processes_left_and_keeps_live_ones_and_other_files() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "scratch-");
        ScratchFiles scratch = new ScratchFiles();
        scratch.dataDirectory = new DataDirectory();
        scratch.dataDirectory.runtime = RuntimeSettings.of(false, data);

        Path export = Files.createDirectories(data.resolve("export"));
        Path dead = Files.createDirectories(export.resolve("proc-4242-deadbeef"));
        Files.writeString(dead.resolve(".owner"), "");
        Files.write(dead.resolve("run-7-123.xml.gz"), new byte[1000]);
        Path old = Files.write(export.resolve("run-3-999.xml.gz"), new byte[10]);
        Path imports = Files.createDirectories(data.resolve("imports"));
        Path download = Files.write(imports.resolve("feed-123.part"), new byte[10]);
        Path operators = Files.write(imports.resolve("partner.xml.gz"), new byte[10]);
        Path live = Files.createDirectories(imports.resolve("proc-1-live"));
        Path liveFile = Files.write(live.resolve("feed-9.part"), new byte[10]);

        try (FileChannel channel = FileChannel.open(live.resolve(".owner"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            assertEquals(2, scratch.clean("export"));
            assertEquals(1, scratch.clean("imports"));
        }
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(download));
        assertTrue(Files.exists(operators), "an operator's file is not scratch");
        assertTrue(Files.exists(liveFile), "a live process's download stays");

        Path mine = scratch.directory("export");
        Path running = Files.write(mine.resolve("run-8-1.xml.gz"), new byte[10]);
        scratch.directory("export");
        assertTrue(Files.exists(running), "this process's own run stays");
        assertEquals(0, scratch.clean("export"));
        scratch.atShutdown(null);
        assertFalse(Files.exists(mine));
        // Unlocked now: the directory of the other (in this test, ended) process goes at the next clean.
        assertEquals(1, scratch.clean("imports"));
    }
}
