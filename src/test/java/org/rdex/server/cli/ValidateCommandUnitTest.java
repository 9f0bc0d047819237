package org.rdex.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ValidateCommandUnitTest {

    private static final String VALID = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><document><title>t</title><journey>"
            + "<operator>o</operator><site>s</site><uuid>u1</uuid>"
            + "<from><location>Paris</location><coords>48.85,2.35</coords></from>"
            + "<to><location>Lyon</location><coords>45.76,4.83</coords></to>"
            + "<url>https://s.example/1</url><name>n</name><activefrom>2026-01-01</activefrom>"
            + "<activeto>2026-12-31</activeto><punctual><date>2026-02-01</date><minitime>08:00</minitime>"
            + "<maxitime>08:30</maxitime></punctual></journey></document>";

    @TempDir
    Path dir;

    @Test
    void valid_gzip_file_exits_zero() throws IOException {
        Path file = dir.resolve("feed.bin");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(VALID.getBytes(StandardCharsets.UTF_8));
        }
        Run run = validate(file);
        assertEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("valid"));
    }

    @Test
    void invalid_file_exits_one_and_prints_line_column_message() throws IOException {
        Path file = dir.resolve("bad.xml");
        Files.writeString(file, VALID.replace("<url>https://s.example/1</url>", ""));
        Run run = validate(file);
        assertEquals(1, run.exit, run.output);
        assertTrue(run.output.lines().anyMatch(l -> l.matches("\\d+:\\d+: .+")), run.output);
    }

    private record Run(int exit, String output) {
    }

    private static Run validate(Path file) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new ValidateCommand()).execute(file.toString());
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
