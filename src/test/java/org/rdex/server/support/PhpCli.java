package org.rdex.server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * php-cli with its curl extension, for the conformance tests that call our servers as Mobicoop's PHP code does
 * ({@code src/test/php}). Debian's {@code php-cli} and {@code php-curl} ({@code .ci/run} installs them); without
 * them the tests are skipped on a developer's machine, and fail when {@code CI=true}.
 */
public final class PhpCli {

    /** The PHP scripts of the conformance layer. */
    public static final Path SCRIPTS = Path.of("src", "test", "php");

    private final Path php;

    private PhpCli(Path php) {
        this.php = php;
    }

    /** php-cli with curl, or the test is aborted (skipped) outside CI and failed in CI. */
    public static PhpCli require() {
        Optional<Path> php = find();
        String missing = null;
        if (php.isEmpty()) {
            missing = "The PHP conformance tests need php-cli and php-curl (apt-get install -y php-cli php-curl)";
        } else if (!hasCurl(php.get())) {
            missing = "The PHP conformance tests need php's curl extension (apt-get install -y php-curl)";
        }
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(missing + ": CI=true, so they fail rather than skip");
            }
            Assumptions.abort(missing + "; skipped outside CI");
        }
        return new PhpCli(php.get());
    }

    private static Optional<Path> find() {
        String configured = System.getenv("PHP_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of("/usr/bin/php", "/usr/local/bin/php").map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private static boolean hasCurl(Path php) {
        try {
            Process p = new ProcessBuilder(php.toString(), "-r", "exit(extension_loaded('curl') ? 0 : 1);")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What a script printed, and how it ended. */
    public record Run(int exit, String stdout, String stderr) {
    }

    /** Runs {@code script} (under {@link #SCRIPTS}) with {@code args} and extra environment, 60 s at most. */
    public Run run(String script, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(php.toString(), SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("php-out-", ".txt");
        Path err = Files.createTempFile("php-err-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("php " + script + " did not end within 60 s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * PHP's built-in web server on a free loopback port, routing every request to {@code router} (under
     * {@link #SCRIPTS}), with extra environment; ready when it accepts connections. Close it to stop it.
     */
    public Server serve(String router, Map<String, String> env) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path log = Files.createTempFile("php-server-", ".log");
        ProcessBuilder builder = new ProcessBuilder(php.toString(), "-S", "127.0.0.1:" + port,
                SCRIPTS.resolve(router).toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return new Server(process, port, log);
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("php -S did not start: " + Files.readString(log));
                }
                // The server binds within milliseconds; poll at a modest pace.
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** A running {@code php -S}. */
    public record Server(Process process, int port, Path log) implements AutoCloseable {

        public String base() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        }
    }
}
