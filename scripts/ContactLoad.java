import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Load generator of the contact API benchmark (see scripts/bench-contact.sh): N client threads, each with
 * its own keep-alive HTTPS connection, POST messages for a fixed duration; prints requests per second,
 * p50/p99 latency and the count of each status. Loopback only: it trusts any certificate.
 *
 * Usage: java scripts/ContactLoad.java URL KEY JOURNEY_UUID [seconds=30] [threads=32] [warmup-seconds=5]
 */
public class ContactLoad {

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String key = args[1];
        String journey = args[2];
        int seconds = Math.min(120, args.length > 3 ? Integer.parseInt(args[3]) : 30);
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        if (!url.getHost().equals("127.0.0.1") && !url.getHost().equals("localhost") && !url.getHost().equals("::1")) {
            throw new IllegalArgumentException("Benchmarks target loopback only");
        }
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] { new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) { }
            public void checkServerTrusted(X509Certificate[] c, String a) { }
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        } }, new SecureRandom());

        run(url, key, journey, warmup, threads, trustAll, false);
        Result r = run(url, key, journey, seconds, threads, trustAll, true);
        long[] lat = r.latencies;
        Arrays.sort(lat);
        System.out.printf("duration_s=%d threads=%d requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
                seconds, threads, lat.length, lat.length / (double) seconds, pct(lat, 50), pct(lat, 99),
                lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6);
        System.out.println("statuses=" + r.statuses);
        System.out.println("ok_2xx=" + r.ok + (r.ok + r.errors.get() > 0 ? "" : "") + " errors=" + r.errors.get());
    }

    record Result(long[] latencies, Map<Integer, Long> statuses, long ok, AtomicLong errors) {
    }

    static Result run(URI url, String key, String journey, int seconds, int threads, SSLContext ssl, boolean record)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long[][] perThread = new long[threads][];
        int[] counts = new int[threads];
        Map<Integer, Long>[] statuses = new Map[threads];
        AtomicLong errors = new AtomicLong();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            workers[t] = new Thread(() -> {
                // One client per thread: one keep-alive connection each, like N partner servers.
                HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                long[] lat = new long[1 << 16];
                int n = 0;
                Map<Integer, Long> st = new HashMap<>();
                long i = 0;
                while (System.nanoTime() < end) {
                    String body = "key=" + enc(key) + "&id=" + journey + "&from=" + enc("Bench " + index + " <bench" + index + "@example.net>")
                            + "&site=bench.example.net&message=" + enc("Message " + (i++) + " de test de charge, reste-t-il une place ?");
                    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long took = System.nanoTime() - start;
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = took;
                        st.merge(response.statusCode(), 1L, Long::sum);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                perThread[index] = lat;
                counts[index] = n;
                statuses[index] = st;
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int pos = 0;
        Map<Integer, Long> merged = new java.util.TreeMap<>();
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread[t], 0, all, pos, counts[t]);
            pos += counts[t];
            statuses[t].forEach((k, v) -> merged.merge(k, v, Long::sum));
        }
        long ok = merged.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(Map.Entry::getValue).sum();
        if (!record) {
            System.out.println("warmup: requests=" + total + " statuses=" + merged + " errors=" + errors.get());
        }
        return new Result(all, merged, ok, errors);
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
