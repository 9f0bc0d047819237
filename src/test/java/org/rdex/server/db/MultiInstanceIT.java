package org.rdex.server.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import javax.net.ssl.SSLContext;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rdex.server.support.TestJourneys;
import org.rdex.server.support.TrustAllTls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two packaged servers on one PostgreSQL (started once, from the embedded binaries): one export for both, the
 * same bytes and ETag from each, the nightly import of a partner once per firing, a key revoked on one refused
 * by the other within a second, and 1,000 contact messages posted half to each, all delivered once per key
 * with one body per key, although one server is killed while relaying.
 */
class MultiInstanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "multi-webhook-secret";

    static EmbeddedPostgres postgres;
    static Path work;
    static HttpServer hook;
    static HttpServer feed;
    static final Map<String, Set<String>> bodiesByKey = new ConcurrentHashMap<>();
    static final AtomicInteger deliveries = new AtomicInteger();
    static final List<Long> feedRequests = new CopyOnWriteArrayList<>();
    static final int ANSWERED_BEFORE_KILL = 100;
    static final AtomicInteger answered = new AtomicInteger();
    static final CountDownLatch aKilled = new CountDownLatch(1);
    static final CountDownLatch testEnded = new CountDownLatch(1);
    static Server a;
    static Server b;
    static HttpClient http;

    record Server(String name, Process process, int https, int management, Path log) {
        String base() {
            return "https://127.0.0.1:" + https;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.exists(Path.of("target/quarkus-app/quarkus-run.jar")), "package the server first");
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "multi-instance-");
        postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("postgres")).setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200").start();
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        http = HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(5)).build();

        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        hook.setExecutor(Executors.newFixedThreadPool(4));
        hook.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            // The first deliveries go through; the rest wait until A is killed, so A dies while relaying.
            if (answered.incrementAndGet() > ANSWERED_BEFORE_KILL) {
                awaitQuietly(aKilled, 60);
            }
            bodiesByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(sha256(body));
            deliveries.incrementAndGet();
            try {
                exchange.sendResponseHeaders(204, -1);
            } catch (IOException timedOut) {
                // The server gave up waiting and will retry with the same key: a repeated delivery, as intended.
            }
            exchange.close();
        });
        hook.start();

        byte[] feedBody = gzip(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><document><title>Partner</title>"
                + "<journey><operator>feedco</operator><site>feed.example</site><uuid>" + UUID.randomUUID() + "</uuid>"
                + "<from><location>Bordeaux</location><coords>44.8378,-0.5792</coords></from>"
                + "<to><location>Arcachon</location><coords>44.6586,-1.1689</coords></to>"
                + "<url>https://feed.example/j/1</url><name>bob</name><driver>1</driver><passenger>0</passenger>"
                + "<activefrom>" + LocalDate.now() + "</activefrom><activeto>" + LocalDate.now().plusDays(30) + "</activeto>"
                + "<punctual><date>" + LocalDate.now().plusDays(30) + "</date><minitime>08:00</minitime>"
                + "<maxitime>08:30</maxitime></punctual></journey></document>").getBytes(StandardCharsets.UTF_8));
        feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        feed.setExecutor(Executors.newFixedThreadPool(2));
        feed.createContext("/feed.xml.gz", exchange -> {
            feedRequests.add(System.currentTimeMillis());
            // A slow partner, slower than the two servers' clocks differ: the second finds the lock taken, not
            // free again. The test's end releases a request that is still held.
            awaitQuietly(testEnded, 3);
            exchange.getResponseHeaders().add("Content-Type", "application/gzip");
            exchange.sendResponseHeaders(200, feedBody.length);
            exchange.getResponseBody().write(feedBody);
            exchange.close();
        });
        feed.start();

        a = launch("a");
        b = launch("b");
        awaitLive(a);
        awaitLive(b);
    }

    @AfterAll
    static void stop() throws Exception {
        aKilled.countDown();
        testEnded.countDown();
        for (Server s : new Server[] { a, b }) {
            if (s != null && s.process().isAlive()) {
                s.process().destroy();
                if (!s.process().waitFor(30, TimeUnit.SECONDS)) {
                    s.process().destroyForcibly();
                }
            }
        }
        if (hook != null) {
            hook.stop(0);
        }
        if (feed != null) {
            feed.stop(0);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void two_servers_on_one_database_share_the_file_the_import_the_keys_and_the_outbox() throws Exception {
        // One export for both (each would make one at start if none were published), the same bytes everywhere.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> get(a, "/rdex/journeys.xml.gz").statusCode() == 200
                && get(b, "/rdex/journeys.xml.gz").statusCode() == 200);
        HttpResponse<byte[]> fileA = get(a, "/rdex/journeys.xml.gz");
        HttpResponse<byte[]> fileB = get(b, "/rdex/journeys.xml.gz");
        assertArrayEquals(fileA.body(), fileB.body());
        assertEquals(fileA.headers().firstValue("ETag").orElseThrow(), fileB.headers().firstValue("ETag").orElseThrow());
        assertTrue(count("select count(*) from export_run where status = 'PUBLISHED'") == 1, "one file published");
        assertEquals(0, count("select count(*) from export_run x join export_run y on x.id < y.id"
                + " where y.started_at < coalesce(x.finished_at, now())"), "no two exports at once");

        // A partner and its keys, made on A; a journey of ours to write about.
        admin(a, "POST", "/admin/partners", "{\"name\":\"multi\",\"operator\":\"MultiCo\",\"sites\":[\"multi.example\"]}");
        admin(a, "POST", "/admin/partners", "{\"name\":\"feedpartner\",\"operator\":\"FeedCo\",\"feedUrl\":\"http://127.0.0.1:"
                + feed.getAddress().getPort() + "/feed.xml.gz\",\"sites\":[\"feed.example\"]}");
        JsonNode doomed = admin(a, "POST", "/admin/keys", "{\"partner\":\"multi\",\"ips\":[\"127.0.0.1\"]}");
        JsonNode kept = admin(a, "POST", "/admin/keys", "{\"partner\":\"multi\",\"ips\":[\"127.0.0.1\"]}");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(a.base() + "/api/v1/journeys/multi-1"))
                .header("Authorization", "Bearer platform").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(TestJourneys.punctualJson("2099-03-01"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());
        String journey = JSON.readTree(put.body()).path("uuid").asText();

        // Revoked on A, refused by B within a second.
        AtomicInteger stored = new AtomicInteger();
        assertEquals(201, contact(b, doomed.path("key").asText(), journey, "before revocation"));
        stored.incrementAndGet();
        admin(a, "DELETE", "/admin/keys/" + doomed.path("id").asText(), null);
        long revoked = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() -> {
            int status = contact(b, doomed.path("key").asText(), journey, "after revocation");
            if (status == 201) {
                stored.incrementAndGet();
            }
            return status == 401 || status == 403;
        });
        System.out.printf("revocation seen by the other instance after %d ms%n", (System.nanoTime() - revoked) / 1_000_000);

        // 1,000 messages, half to each server.
        ExecutorService posters = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Server target = i % 2 == 0 ? a : b;
            String text = "message " + i;
            answers.add(posters.submit(() -> contact(target, kept.path("key").asText(), journey, text)));
        }
        for (Future<Integer> answer : answers) {
            assertEquals(201, answer.get(60, TimeUnit.SECONDS));
        }
        posters.shutdown();
        stored.addAndGet(1000);

        // The nightly import fired at least once while both servers ran; kill A mid-relay.
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> feedRequests.size() >= 1);
        int before = bodiesByKey.size();
        assertTrue(before < stored.get(), "still relaying when A is killed (" + before + " delivered)");
        a.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        aKilled.countDown();

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> bodiesByKey.size() >= stored.get() && count("select count(*) from contact_message where state <> 'DELIVERED'") == 0);
        assertEquals(stored.get(), bodiesByKey.size(), "every stored message delivered, none lost");
        assertEquals(stored.get(), count("select count(*) from contact_message"));
        bodiesByKey.forEach((key, bodies) -> assertEquals(1, bodies.size(), "one body for key " + key));
        System.out.printf("%d messages, %d deliveries (%d repeated after the kill)%n", stored.get(), deliveries.get(),
                deliveries.get() - stored.get());

        // Each firing of the nightly import ran on one server only: requests at least one period apart.
        List<Long> times = new ArrayList<>(feedRequests);
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i) - times.get(i - 1) > 5000, "two imports of one firing: " + times);
        }
        assertNotEquals(0, times.size());
        assertTrue(count("select count(*) from partner_import pi join partner p on p.id = pi.partner_id"
                + " where p.name = 'feedpartner'") <= times.size());
    }

    private static Server launch(String name) throws IOException {
        int https = freePort();
        int management = freePort();
        Path dir = Files.createDirectories(work.resolve(name));
        Path log = work.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", Path.of("target/quarkus-app/quarkus-run.jar")
                .toAbsolutePath().toString(), "serve").redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "12");
        env.put("RDEX_DATA_DIR", dir.toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
        env.put("QUARKUS_HTTP_SSL_PORT", Integer.toString(https));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
        env.put("RDEX_PLATFORM_TOKEN", "platform");
        env.put("RDEX_ADMIN_TOKEN", "admin");
        env.put("RDEX_RELAY_WEBHOOK_URL", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
        env.put("RDEX_RELAY_WEBHOOK_SECRET", SECRET);
        env.put("RDEX_CONTACT_RATE_LIMIT_PER_SECOND", "100000");
        env.put("RDEX_CONTACT_RATE_LIMIT_BURST", "100000");
        env.put("RDEX_IMPORT_CRON", "0/10 * * * * ?");
        env.put("RDEX_INSTANCE_HEARTBEAT_EVERY", "PT1S");
        env.put("RDEX_INSTANCE_STALE_AFTER", "PT4S");
        env.put("JAVA_TOOL_OPTIONS", "-Xmx256m");
        return new Server(name, builder.start(), https, management, log);
    }

    private static void awaitLive(Server server) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertTrue(server.process().isAlive(), () -> server.name() + " died: " + tail(server.log()));
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.management() + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static HttpResponse<byte[]> get(Server server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.base() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode admin(Server server, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.management() + path))
                .header("Authorization", "Bearer admin").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, method + " " + path + ": " + response.statusCode() + " " + response.body());
        return JSON.readTree(response.body());
    }

    private static int contact(Server server, String key, String journey, String message) throws Exception {
        String form = "Key=" + enc(key) + "&Id=" + enc(journey) + "&From=" + enc("Sam <sam@example.net>")
                + "&Site=multi.example&Message=" + enc(message);
        return http.send(HttpRequest.newBuilder(URI.create(server.base() + "/rdex/contact"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long count(String sql) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static SSLContext trustAll() throws Exception {
        // Loopback servers with self-signed certificates generated for this test.
        return TrustAllTls.context();
    }
}
