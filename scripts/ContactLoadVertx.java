import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Load generator of the contact API benchmark on Vert.x (the server's own client library, much lighter on
 * CPU than java.net.http, which matters on two shared cores): CONNECTIONS keep-alive HTTPS connections, one
 * request in flight on each, for a fixed duration after a warm-up. Loopback only; trusts any certificate.
 *
 * java -cp "target/quarkus-app/lib/main/*" scripts/ContactLoadVertx.java URL KEY UUID [seconds] [connections] [warmup]
 */
public class ContactLoadVertx {

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String key = args[1];
        String journey = args[2];
        int seconds = Math.min(120, args.length > 3 ? Integer.parseInt(args[3]) : 30);
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        if (!url.getHost().equals("127.0.0.1") && !url.getHost().equals("localhost")) {
            throw new IllegalArgumentException("Benchmarks target loopback only");
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
                .setVerifyHost(false).setKeepAlive(true).setMaxPoolSize(connections).setPipelining(false)
                // The generator shares the server's two cores: BoringSSL, like the server, costs it less CPU.
                .setSslEngineOptions(io.vertx.core.net.OpenSSLEngineOptions.isAvailable()
                        ? new io.vertx.core.net.OpenSSLEngineOptions() : new io.vertx.core.net.JdkSSLEngineOptions()));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost())
                .setPort(url.getPort()).setURI(url.getPath())
                .putHeader("Content-Type", "application/x-www-form-urlencoded");
        Phase w = run(client, options, key, journey, warmup, connections);
        System.out.println("warmup: requests=" + w.count() + " statuses=" + w.statuses + " errors=" + w.errors.get());
        Phase r = run(client, options, key, journey, seconds, connections);
        long[] lat = Arrays.copyOf(r.latencies, r.count());
        Arrays.sort(lat);
        System.out.printf("duration_s=%d connections=%d requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
                seconds, connections, lat.length, lat.length / (double) seconds, pct(lat, 50), pct(lat, 99),
                lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6);
        System.out.println("statuses=" + r.statuses);
        long ok = r.statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(Map.Entry::getValue).sum();
        System.out.println("ok_2xx=" + ok + " errors=" + r.errors.get());
        client.close();
        vertx.close();
    }

    static final class Phase {
        long[] latencies = new long[1 << 20];
        final AtomicLong n = new AtomicLong();
        final Map<Integer, Long> statuses = new TreeMap<>();
        final AtomicLong errors = new AtomicLong();

        int count() {
            return (int) n.get();
        }

        synchronized void record(long nanos, int status) {
            int i = (int) n.getAndIncrement();
            if (i == latencies.length) {
                latencies = Arrays.copyOf(latencies, i * 2);
            }
            latencies[i] = nanos;
            statuses.merge(status, 1L, Long::sum);
        }
    }

    static Phase run(HttpClient client, RequestOptions options, String key, String journey, int seconds, int connections)
            throws InterruptedException {
        Phase phase = new Phase();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            next(client, options, key, journey, c, new long[1], end, phase, done);
        }
        done.await();
        return phase;
    }

    static void next(HttpClient client, RequestOptions options, String key, String journey, int c, long[] i, long end,
            Phase phase, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        Buffer body = Buffer.buffer("key=" + enc(key) + "&id=" + journey + "&from=" + enc("Bench " + c + " <bench" + c + "@example.net>")
                + "&site=bench.example.net&message=" + enc("Message " + (i[0]++) + " de test de charge, reste-t-il une place ?"));
        long start = System.nanoTime();
        client.request(options).compose(req -> req.send(body).compose(resp -> resp.body().map(b -> resp.statusCode())))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        phase.record(System.nanoTime() - start, ar.result());
                    } else {
                        phase.errors.incrementAndGet();
                    }
                    next(client, options, key, journey, c, i, end, phase, done);
                });
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
