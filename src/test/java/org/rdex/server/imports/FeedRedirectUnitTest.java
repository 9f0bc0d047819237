package org.rdex.server.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.rdex.server.tls.PartnerClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** Real downloads on loopback: a feed that redirects to another loopback server. */
class FeedRedirectUnitTest {

    private static FeedDownloader downloader() {
        FeedDownloader downloader = new FeedDownloader();
        downloader.clients = new PartnerClients();
        downloader.config = (ImportConfig) Proxy.newProxyInstance(ImportConfig.class.getClassLoader(),
                new Class<?>[] { ImportConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "connectTimeout", "readTimeout" -> Duration.ofSeconds(5);
                    case "downloadTimeout" -> Duration.ofSeconds(20);
                    case "maxDownloadBytes" -> 1_000_000L;
                    case "minTransferBytes" -> 0L;
                    case "minTransferInterval" -> Duration.ofSeconds(60);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return downloader;
    }

    private static FeedDownloader.Request request(String url) {
        return new FeedDownloader.Request(URI.create(url), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Test
    void follows_a_redirect_to_the_scheme_address_and_port_the_feed_url_names(@TempDir Path dir) throws Exception {
        try (FeedServer feed = FeedServer.http()) {
            feed.handler = ex -> {
                if (ex.getRequestURI().getPath().equals("/feed")) {
                    ex.getResponseHeaders().add("Location", feed.url("/moved.xml"));
                    FeedServer.send(ex, 302, new byte[0]);
                } else {
                    FeedServer.send(ex, 200, "<rdex/>".getBytes(StandardCharsets.UTF_8));
                }
            };
            FeedDownloader.Result result = downloader().download(request(feed.url("/feed")), dir);
            FeedDownloader.Fetched fetched = assertInstanceOf(FeedDownloader.Fetched.class, result);
            assertEquals("<rdex/>", Files.readString(fetched.file()));
            assertEquals(2, feed.requests.size());
        }
    }

    @Test
    void refuses_a_redirect_to_another_port_of_the_loopback_address_the_feed_url_names(@TempDir Path dir)
            throws Exception {
        // The other server stands for our own management port (/q/metrics) on the partner's loopback address.
        try (FeedServer feed = FeedServer.http(); FeedServer other = FeedServer.http()) {
            String management = other.url("/q/metrics");
            for (String target : new String[] { management, management.replace("127.0.0.1", "[::ffff:127.0.0.1]"),
                    management.replace("127.0.0.1", "2130706433") }) {
                feed.handler = ex -> {
                    ex.getResponseHeaders().add("Location", target);
                    FeedServer.send(ex, 302, new byte[0]);
                };
                other.handler = ex -> FeedServer.send(ex, 200, "<rdex/>".getBytes(StandardCharsets.UTF_8));
                DownloadException refused = assertThrows(DownloadException.class,
                        () -> downloader().download(request(feed.url("/feed")), dir), target);
                assertTrue(refused.getMessage().contains("another scheme or port"), refused.getMessage());
            }
            assertEquals(0, other.requests.size());
        }
    }

    @Test
    void refuses_a_redirect_to_a_loopback_address_the_feed_url_does_not_name(@TempDir Path dir) throws Exception {
        HttpServer internal = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        AtomicInteger reached = new AtomicInteger();
        internal.createContext("/", ex -> {
            reached.incrementAndGet();
            FeedServer.send(ex, 200, "<rdex/>".getBytes(StandardCharsets.UTF_8));
            ex.close();
        });
        internal.start();
        try (FeedServer feed = FeedServer.http()) {
            feed.handler = ex -> {
                ex.getResponseHeaders().add("Location", "http://127.0.0.2:" + internal.getAddress().getPort() + "/q/health");
                FeedServer.send(ex, 302, new byte[0]);
            };
            DownloadException refused = assertThrows(DownloadException.class,
                    () -> downloader().download(request(feed.url("/feed")), dir));
            assertTrue(refused.getMessage().contains("internal address (127.0.0.2)"), refused.getMessage());
            assertEquals(0, reached.get());
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count(), "no partial download left behind");
            }
        } finally {
            internal.stop(0);
        }
    }
}
