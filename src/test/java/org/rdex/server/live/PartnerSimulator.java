package org.rdex.server.live;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.rdex.server.protocol.rdex12.Rdex12Signer;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Partners on loopback for live-search and contact tests: one Vert.x server, each partner under its own path
 * prefix ({@code /NAME/...}) answering what the test scripted for it, recording what it received and whether
 * an RDEX 1.2 signature was the one its private key gives.
 */
final class PartnerSimulator implements AutoCloseable {

    /** What a partner received. */
    record Received(String method, String uri, Map<String, String> headers, String body, boolean signatureValid) {
    }

    /**
     * A scripted answer: status, body, delay before answering (ms; -1: never answer; -2: send the headers and
     * the body's first byte, then nothing more).
     */
    record Reply(int status, String body, long delayMs) {
        static Reply json(String body) {
            return new Reply(200, body, 0);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, Function<HttpServerRequest, Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, String> privateKeys = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    /** Partners whose client closed a connection while it was still being answered. */
    final java.util.Set<String> abandoned = ConcurrentHashMap.newKeySet();

    PartnerSimulator() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    String base(String partner) {
        return "http://127.0.0.1:" + port() + "/" + partner;
    }

    void script(String partner, Function<HttpServerRequest, Reply> script) {
        scripts.put(partner, script);
    }

    void signedWith(String partner, String privateKey) {
        privateKeys.put(partner, privateKey);
    }

    List<Received> of(String partner) {
        return received.stream().filter(r -> r.uri().startsWith("/" + partner + "/")).toList();
    }

    private void handle(HttpServerRequest request) {
        requests.incrementAndGet();
        request.body().onComplete(body -> {
            String path = request.path();
            String partner = path.length() > 1 ? path.substring(1).split("/")[0] : "";
            String text = body.succeeded() ? body.result().toString(StandardCharsets.UTF_8) : "";
            boolean valid = false;
            String key = privateKeys.get(partner);
            String uri = request.uri();
            int at = uri.lastIndexOf("&signature=");
            if (key != null && at > 0) {
                String unsigned = "http://127.0.0.1:" + port() + uri.substring(0, at);
                valid = Rdex12Signer.sign(unsigned, key).equals(uri.substring(at + 11));
            }
            Map<String, String> headers = new ConcurrentHashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            received.add(new Received(request.method().name(), uri, headers, text, valid));
            Function<HttpServerRequest, Reply> script = scripts.get(partner);
            Reply reply = script == null ? new Reply(404, "{}", 0) : script.apply(request);
            if (reply.delayMs() == -2) {
                request.connection().closeHandler(v -> abandoned.add(partner));
                request.response().setChunked(true).putHeader("Content-Type", "application/json").write("[");
                return;
            }
            if (reply.delayMs() < 0) {
                return;
            }
            Runnable send = () -> {
                if (!request.response().closed()) {
                    request.response().setStatusCode(reply.status()).putHeader("Content-Type", "application/json")
                            .end(Buffer.buffer(reply.body().getBytes(StandardCharsets.UTF_8)));
                }
            };
            if (reply.delayMs() == 0) {
                send.run();
            } else {
                vertx.setTimer(reply.delayMs(), t -> send.run());
            }
        });
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** One RDEX 1.2 journey element, as Mobicoop writes it. */
    static String rdex12Journey(String uuid, String userUuid, double fromLat, double fromLon, double toLat, double toLon,
            LocalDate date, String minTime, String maxTime) {
        String day = date.getDayOfWeek().name().toLowerCase();
        return """
                {"journeys":{"uuid":"%s","operator":"operator-b","origin":"b.example.org","url":"https://b.example.org/t/%s",
                "driver":{"uuid":"%s","alias":"Camille D.","image":null,"gender":"female","seats":3,"state":1},
                "passenger":{"uuid":"%s","alias":"Camille D.","image":null,"gender":"female","persons":0,"state":0},
                "from":{"address":null,"city":"Marseille","postalcode":"13001","country":"France","latitude":%s,"longitude":%s},
                "to":{"address":null,"city":"Aix","postalcode":"13100","country":"France","latitude":"%s","longitude":"%s"},
                "distance":31500,"duration":2100,"route":null,"number_of_waypoints":0,"waypoints":{},"cost":{"fixed":null,"variable":0.06},
                "details":null,"vehicle":null,"frequency":"punctual","type":"one-way","real_time":null,"stopped":null,
                "days":{"%s":1},"outward":{"mindate":"%s","maxdate":"%s","%s":{"mintime":"%s","maxtime":"%s"}},"return":null}}"""
                .formatted(uuid, uuid, userUuid, userUuid, fromLat, fromLon, toLat, toLon, day, date, date, day, minTime,
                        maxTime);
    }

    /** One standard-covoiturage DriverJourney. */
    static String standardJourney(String id, String driverId, double fromLat, double fromLon, double toLat, double toLon,
            LocalDate date, String time) {
        long pickup = date.atTime(LocalTime.parse(time)).atZone(ZoneId.of("Europe/Paris")).toEpochSecond();
        return """
                {"id":"%s","operator":"b.example.org","passengerPickupLat":%s,"passengerPickupLng":%s,
                "passengerDropLat":%s,"passengerDropLng":%s,"passengerPickupAddress":"Gare Saint-Charles",
                "passengerDropAddress":"Aix centre","duration":2100,"distance":31500,"passengerPickupDate":%d,
                "type":"PLANNED","webUrl":"https://b.example.org/j/%s","availableSeats":2,
                "price":{"type":"PAYING","amount":3.5,"currency":"EUR"},
                "driver":{"id":"%s","operator":"b.example.org","alias":"Sam"}}"""
                .formatted(id, fromLat, fromLon, toLat, toLon, pickup, id, driverId);
    }
}
