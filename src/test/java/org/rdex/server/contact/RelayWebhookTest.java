package org.rdex.server.contact;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdex.server.contact.ContactFixtures.*;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rdex.server.support.PostgresResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class RelayWebhookTest {

    @Inject
    RelayWorker worker;
    @Inject
    ObjectMapper mapper;

    HttpServer hook;
    /** Requests received per idempotency key, and how many were answered 2xx. */
    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    volatile String failingJourney;
    final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void startHook() throws IOException {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 29181), 50);
        hook.setExecutor(Executors.newFixedThreadPool(4));
        hook.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String signature = exchange.getRequestHeaders().getFirst("X-RDEX-Signature");
            boolean signed = ("sha256=" + WebhookDelivery.sign("test-webhook-secret", body)).equals(signature);
            JsonNode json = mapper.readTree(body);
            received.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            int status = !signed ? 401
                    : json.path("journey").path("uuid").asText().equals(failingJourney) && failuresLeft.getAndDecrement() > 0 ? 500
                    : 204;
            if (status == 204) {
                accepted.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                bodies.add(json);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hook.start();
    }

    @AfterEach
    void stopHook() {
        hook.stop(0);
    }

    @Test
    void retries_after_the_webhook_fails_twice_and_delivers_once() {
        String partner = partner(unique("relay"), "covoit.example.net");
        String uuid = journey(unique("relay-j"), "owner@example.org");
        String key = key(partner, "127.0.0.1", "::1");
        failingJourney = uuid;
        failuresLeft.set(2);
        https().contentType("application/x-www-form-urlencoded")
                .body(form(key, uuid, "Baptiste <baptiste@example.net>", "covoit.example.net", "Une place ?"))
                .when().post("/rdex/contact").then().statusCode(201);
        long id = count("select max(id) from contact_message where journey_uuid = ?", uuid);
        String idempotencyKey = "rdex-contact-" + id;

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            worker.runOnce();
            return accepted.containsKey(idempotencyKey);
        });
        worker.runOnce();
        worker.runOnce();

        assertEquals(3, received.get(idempotencyKey).get(), "two failures, then one success");
        assertEquals(1, accepted.get(idempotencyKey).get());
        assertEquals(1, count("select count(*) from contact_message where id = ? and state = 'DELIVERED' and attempts = 3", id));
        JsonNode body = bodies.stream().filter(b -> b.path("id").asText().equals(idempotencyKey)).findFirst().orElseThrow();
        assertEquals("Baptiste", body.path("sender").path("pseudonym").asText());
        assertEquals("baptiste@example.net", body.path("sender").path("email").asText());
        assertEquals("covoit.example.net", body.path("sender").path("site").asText());
        assertEquals("Une place ?", body.path("message").asText());
        assertTrue(body.path("journey").path("summary").asText().contains("Marseille"));

        admin().when().get("/admin/messages?state=DELIVERED&limit=1000").then().statusCode(200)
                .body("messages.find { it.id == " + id + " }.attempts", is(3))
                .body("messages.find { it.id == " + id + " }.channel", is("WEBHOOK"));
    }

    @Test
    void two_workers_in_parallel_never_deliver_a_message_twice() throws Exception {
        String partner = partner(unique("relay2"), "covoit.example.net");
        String uuid = journey(unique("relay2-j"), "owner@example.org");
        long partnerId = count("select id from partner where name = ?", partner);
        try (var c = db(); PreparedStatement s = c.prepareStatement("""
                insert into contact_message (journey_id, journey_uuid, partner_id, key_id, sender_pseudonym, sender_email,
                                             site, message, caller_ip)
                select j.id, j.uuid, ?, 'k', 'p', 'p@example.net', 'covoit.example.net', 'm' || g, '127.0.0.1'
                from journey j, generate_series(1, 300) g where j.uuid = ?""")) {
            s.setLong(1, partnerId);
            s.setString(2, uuid);
            assertEquals(300, s.executeUpdate());
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<Future<RelayWorker.Round>> rounds = List.of(pool.submit(worker::runOnce), pool.submit(worker::runOnce),
                        pool.submit(worker::runOnce));
                for (Future<RelayWorker.Round> round : rounds) {
                    round.get();
                }
                return count("select count(*) from contact_message where journey_uuid = ? and state <> 'DELIVERED'", uuid) == 0;
            });
        } finally {
            pool.shutdownNow();
        }
        List<String> ours = bodies.stream().filter(b -> b.path("journey").path("uuid").asText().equals(uuid))
                .map(b -> b.path("id").asText()).toList();
        assertEquals(300, ours.size());
        assertEquals(300, ours.stream().distinct().count());
        ours.forEach(key -> assertEquals(1, received.get(key).get(), key));
    }
}
