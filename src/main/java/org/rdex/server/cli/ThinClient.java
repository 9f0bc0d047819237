package org.rdex.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Read-only commands answered by the running server's admin API (management interface, admin token) without
 * booting Quarkus, so that {@code partners list} and {@code keys list} take a fraction of a second. Used only
 * when the admin token is known ({@code RDEX_ADMIN_TOKEN} or {@code rdex.admin.token} in
 * config/application.properties) and a server answers on the management port; otherwise the command runs in
 * full, against the database. {@code RDEX_CLI_THIN=false} turns it off.
 */
final class ThinClient {

    private final String token;
    private final URI base;
    private final PrintStream out;

    private ThinClient(String token, URI base, PrintStream out) {
        this.token = token;
        this.base = base;
        this.out = out;
    }

    /** Runs the command through the server when it can; empty means "run it in full". */
    static Optional<Integer> tryRun(String[] args, PrintStream out) {
        // partners check NAME too: the running server holds the partner's settings, and starting a second
        // Quarkus for it would take longer than the check.
        boolean check = args.length == 3 && args[0].equals("partners") && args[1].equals("check")
                && !args[2].startsWith("-");
        // export and import run warm in the server, beside the database, instead of in a JVM started for them.
        Optional<Map<String, String>> job = job(args);
        if ("false".equalsIgnoreCase(System.getenv("RDEX_CLI_THIN")) || !check && job.isEmpty() && (args.length != 2 || !args[1].equals("list")
                || !List.of("partners", "keys").contains(args[0]))) {
            return Optional.empty();
        }
        Properties file = new Properties();
        Path config = Path.of("config", "application.properties");
        if (Files.isReadable(config)) {
            try (InputStream in = Files.newInputStream(config)) {
                file.load(in);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        Optional<String> token = setting("rdex.admin.token", file).filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String host = setting("quarkus.management.host", file).filter(h -> !h.isBlank() && !h.equals("0.0.0.0"))
                .orElse("127.0.0.1");
        String port = setting("quarkus.management.port", file).orElse("9000");
        URI base;
        try {
            base = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + Integer.parseInt(port.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        ThinClient client = new ThinClient(token.get(), base, out);
        if (job.isPresent()) {
            return client.job(args[0], job.get());
        }
        try {
            return check ? client.check(args[2]) : args[0].equals("partners") ? client.partners() : client.keys();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The body of the admin job that runs {@code export} (without {@code --out}, a file of the CLI's machine) or
     * {@code import --partner NAME [--file FILE | --url URL]}; empty for anything else, which runs in full.
     */
    static Optional<Map<String, String>> job(String[] args) {
        if (args.length == 1 && args[0].equals("export")) {
            return Optional.of(Map.of());
        }
        if (args.length < 2 || !args[0].equals("import")) {
            return Optional.empty();
        }
        Map<String, String> body = new java.util.LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return Optional.empty();
            }
            String key = switch (name) {
                case "--partner" -> "partner";
                case "--file" -> "file";
                case "--url" -> "url";
                default -> null;
            };
            if (key == null || body.containsKey(key)) {
                return Optional.empty();
            }
            body.put(key, key.equals("file") ? Path.of(value).toAbsolutePath().normalize().toString() : value);
        }
        if (!body.containsKey("partner") || body.containsKey("file") && body.containsKey("url")) {
            return Optional.empty();
        }
        if (body.containsKey("file") && !Files.isReadable(Path.of(body.get("file")))) {
            // The full command reports a missing file as it always has.
            return Optional.empty();
        }
        return Optional.of(body);
    }

    /**
     * Runs {@code export} or {@code import} in the running server. Empty (run in full) only when no server of
     * this version answered before the job was sent; once it is sent, the job's outcome is the command's.
     */
    private Optional<Integer> job(String command, Map<String, String> body) {
        try {
            if (get("/admin/partners").isEmpty()) {
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        java.net.HttpURLConnection connection = null;
        try {
            connection = (java.net.HttpURLConnection) base.resolve("/admin/jobs/" + command).toURL().openConnection();
            connection.setConnectTimeout(500);
            // A job takes as long as it takes: the server's own timeouts (download, export) bound it.
            connection.setReadTimeout(0);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Authorization", "Bearer " + token);
            connection.setRequestProperty("Content-Type", "application/json");
            System.err.println((command.equals("export") ? "Exporting" : "Importing " + body.get("partner"))
                    + " in the running server at " + base);
            try (java.io.OutputStream o = connection.getOutputStream()) {
                o.write(new ObjectMapper().writeValueAsBytes(body));
            }
            int status = connection.getResponseCode();
            if (status == 404 && command.equals("import")) {
                System.err.println("No partner named " + body.get("partner"));
                return Optional.of(2);
            }
            if (status != 200) {
                System.err.println("The running server refused the " + command + ": HTTP " + status);
                return Optional.of(1);
            }
            JsonNode answer;
            try (InputStream in = connection.getInputStream()) {
                answer = new ObjectMapper().readTree(in);
            }
            String text = answer.path("text").asText();
            if (command.equals("export")) {
                out.println(text);
            } else {
                out.print(text);
            }
            return Optional.of(answer.path("succeeded").asBoolean() ? 0 : 1);
        } catch (IOException e) {
            System.err.println("The running server did not finish the " + command + ": " + e.getMessage());
            return Optional.of(1);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** Environment (RDEX_ADMIN_TOKEN), then system property, then the operator's config file. */
    private static Optional<String> setting(String key, Properties file) {
        String env = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        if (env != null) {
            return Optional.of(env);
        }
        return Optional.ofNullable(System.getProperty(key)).or(() -> Optional.ofNullable(file.getProperty(key)));
    }

    private Optional<JsonNode> get(String path) throws IOException {
        return call("GET", path, 5000, new int[1]);
    }

    /** The JSON of a 200 answer; empty otherwise, with the status in {@code status[0]}. */
    private Optional<JsonNode> call(String method, String path, int readTimeoutMs, int[] status) throws IOException {
        // HttpURLConnection rather than java.net.http: hundreds fewer classes to load, and this path exists to start fast.
        java.net.HttpURLConnection connection = (java.net.HttpURLConnection) base.resolve(path).toURL().openConnection();
        try {
            connection.setConnectTimeout(500);
            connection.setReadTimeout(readTimeoutMs);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestMethod(method);
            connection.setRequestProperty("Authorization", "Bearer " + token);
            status[0] = connection.getResponseCode();
            if (status[0] != 200) {
                return Optional.empty();
            }
            try (InputStream in = connection.getInputStream()) {
                return Optional.of(new ObjectMapper().readTree(in));
            }
        } finally {
            connection.disconnect();
        }
    }

    private Optional<Integer> partners() throws IOException {
        Optional<JsonNode> body = get("/admin/partners");
        if (body.isEmpty() || !body.get().isArray()) {
            return Optional.empty();
        }
        if (body.get().isEmpty()) {
            out.println("No partner");
        }
        for (JsonNode p : body.get()) {
            StringBuilder line = new StringBuilder(p.path("name").asText()).append("  operator=").append(p.path("operator").asText())
                    .append("  feed=").append(text(p, "feedUrl", "-")).append("  sites=").append(join(p.path("sites")))
                    .append("  key=").append(p.path("hasKey").asBoolean() ? "yes" : "no");
            JsonNode pins = p.path("tlsFingerprints");
            if (pins.isArray() && !pins.isEmpty()) {
                line.append("  pinned=").append(join(pins));
            }
            if (!p.path("contactUrl").isNull() && !p.path("contactUrl").isMissingNode()) {
                line.append("  contact=").append(p.path("contactUrl").asText());
            }
            out.println(line);
            JsonNode r = p.path("lastImport");
            out.println("    last import: " + (r.isObject() ? r.path("outcome").asText() + " " + r.path("startedAt").asText()
                    + " accepted=" + r.path("accepted").asLong() + " rejected=" + r.path("rejected").asLong()
                    + " expired=" + r.path("expired").asLong() + " bytes=" + r.path("bytes").asLong() + " "
                    + r.path("durationMs").asLong() + "ms" + (r.path("message").isTextual() ? " " + r.path("message").asText() : "")
                    : "never"));
        }
        return Optional.of(0);
    }

    /** {@code partners check NAME}: the report as the full command prints it, exit 1 on a failed rule, 2 unknown. */
    private Optional<Integer> check(String name) throws IOException {
        int[] status = new int[1];
        // A check makes several calls to the partner, each up to rdex.check.timeout.
        Optional<JsonNode> body = call("POST", "/admin/partners/" + java.net.URLEncoder.encode(name,
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20") + "/check", 300_000, status);
        if (status[0] == 404) {
            System.err.println("No partner named " + name);
            return Optional.of(2);
        }
        if (body.isEmpty() || !body.get().path("results").isArray()) {
            return Optional.empty();
        }
        List<org.rdex.server.protocol.CheckResult> results = new java.util.ArrayList<>();
        for (JsonNode r : body.get().path("results")) {
            results.add(new org.rdex.server.protocol.CheckResult(r.path("name").asText(),
                    org.rdex.server.protocol.CheckResult.Status.valueOf(r.path("status").asText()), r.path("seen").asText()));
        }
        org.rdex.server.check.CheckReport report = new org.rdex.server.check.CheckReport(body.get().path("partner").asText(),
                java.time.Instant.parse(body.get().path("checkedAt").asText()), results);
        out.print(report.describe());
        return Optional.of(report.failed() ? 1 : 0);
    }

    private Optional<Integer> keys() throws IOException {
        Optional<JsonNode> body = get("/admin/keys");
        if (body.isEmpty() || !body.get().path("keys").isArray()) {
            return Optional.empty();
        }
        out.printf("%-16s  %-20s  %-8s  %-24s  %s%n", "ID", "PARTNER", "STATE", "EXPIRES", "IPS");
        for (JsonNode k : body.get().path("keys")) {
            out.printf("%-16s  %-20s  %-8s  %-24s  %s%n", k.path("id").asText(), k.path("partner").asText(),
                    k.path("state").asText(), text(k, "expiresAt", "-"), join(k.path("ips")));
        }
        return Optional.of(0);
    }

    private static String text(JsonNode node, String field, String absent) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? absent : value.asText();
    }

    private static String join(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        array.forEach(v -> sb.append(sb.isEmpty() ? "" : ",").append(v.asText()));
        return sb.toString();
    }
}
