package org.rdex.server.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.rdex.server.tls.PartnerClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partner that sends its feed a few bytes at a time, never stalling long enough for the read timeout. */
class FeedRateUnitTest {

    /** Released when a test is over: a dripping partner stops at once instead of finishing its pace. */
    private final CountDownLatch over = new CountDownLatch(1);

    @AfterEach
    void end() {
        over.countDown();
    }

    /** At least 1000 bytes per second; stalls of 5 s and downloads of 30 s are allowed. */
    private static FeedDownloader downloader() {
        FeedDownloader downloader = new FeedDownloader();
        downloader.clients = new PartnerClients();
        downloader.config = (ImportConfig) Proxy.newProxyInstance(ImportConfig.class.getClassLoader(),
                new Class<?>[] { ImportConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "connectTimeout", "readTimeout" -> Duration.ofSeconds(5);
                    case "downloadTimeout" -> Duration.ofSeconds(30);
                    case "maxDownloadBytes" -> 1_000_000L;
                    case "minTransferBytes" -> 1000L;
                    case "minTransferInterval" -> Duration.ofSeconds(1);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return downloader;
    }

    private static FeedDownloader.Request request(String url) {
        return new FeedDownloader.Request(URI.create(url), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** Sends {@code chunks} pieces of {@code size} bytes, {@code pauseMillis} apart (the partner's pace). */
    private FeedServer.Handler drip(int chunks, int size, long pauseMillis) {
        return ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < chunks; i++) {
                    out.write("x".repeat(size).getBytes());
                    out.flush();
                    if (over.await(pauseMillis, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the downloader hung up: what the test wants
            }
        };
    }

    @Test
    void drops_a_feed_that_drips_below_the_minimum_rate(@TempDir Path dir) throws Exception {
        try (FeedServer feed = FeedServer.http()) {
            // 4 bytes every 200 ms: never a stall of 5 s, but 20 bytes a second; the whole would take 20 s.
            feed.handler = drip(100, 4, 200);
            long t0 = System.nanoTime();
            DownloadException slow = assertThrows(DownloadException.class,
                    () -> downloader().download(request(feed.url("/feed")), dir));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            assertTrue(slow.getMessage().contains("slower than 1000 bytes per 1 s"), slow.getMessage());
            assertTrue(seconds < 10, "dropped after " + seconds + " s");
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count(), "no partial download left behind");
            }
        }
    }

    @Test
    void keeps_a_feed_that_comes_steadily_above_the_minimum_rate(@TempDir Path dir) throws Exception {
        try (FeedServer feed = FeedServer.http()) {
            // 2000 bytes every 100 ms for 3 s.
            feed.handler = drip(30, 2000, 100);
            FeedDownloader.Fetched fetched = assertInstanceOf(FeedDownloader.Fetched.class,
                    downloader().download(request(feed.url("/feed")), dir));
            assertEquals(60_000, fetched.bytes());
        }
    }
}
