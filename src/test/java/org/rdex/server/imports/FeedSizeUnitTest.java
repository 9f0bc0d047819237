package org.rdex.server.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdex.server.tls.PartnerClients;

/** The compressed-size cap, on loopback. */
class FeedSizeUnitTest {

    private static FeedDownloader downloader(long max) {
        FeedDownloader downloader = new FeedDownloader();
        downloader.clients = new PartnerClients();
        downloader.config = (ImportConfig) Proxy.newProxyInstance(ImportConfig.class.getClassLoader(),
                new Class<?>[] { ImportConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "connectTimeout", "readTimeout" -> Duration.ofSeconds(5);
                    case "downloadTimeout" -> Duration.ofSeconds(20);
                    case "maxDownloadBytes" -> max;
                    case "minTransferBytes" -> 0L;
                    case "minTransferInterval" -> Duration.ofSeconds(60);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return downloader;
    }

    @Test
    void a_file_announced_larger_than_the_cap_is_refused_before_its_body_is_read(@TempDir Path dir)
            throws Exception {
        CountDownLatch refused = new CountDownLatch(1);
        try (FeedServer feed = FeedServer.http()) {
            feed.handler = ex -> {
                // Announces 10 MB, sends a first piece, then waits: only the header can have refused it.
                ex.sendResponseHeaders(200, 10_000_000);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(new byte[1000]);
                    out.flush();
                    refused.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.io.IOException e) {
                    // the client went away, as it should
                }
            };
            long started = System.nanoTime();
            DownloadException e = assertThrows(DownloadException.class, () -> downloader(1_000_000).download(
                    new FeedDownloader.Request(URI.create(feed.url("/feed")), Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.empty()),
                    dir));
            refused.countDown();
            assertTrue(e.getMessage().contains("larger than 1000000 bytes (Content-Length 10000000)"), e.getMessage());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "refused without waiting for the body");
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count(), "no partial download left behind");
            }
        }
    }
}
