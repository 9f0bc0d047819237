package org.rdex.server.check;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A partner on loopback whose answers a test scripts per path (feed files, RDEX 1.2 and standard-covoiturage
 * answers), recording the method of every request it received so that a test can prove nothing was written.
 */
final class StandIn implements AutoCloseable {

    /** What a path answers; gets the raw query. */
    interface Script {
        Reply answer(String query);
    }

    record Reply(int status, String contentType, byte[] body) {
        static Reply json(String body) {
            return new Reply(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    final List<String> methods = new CopyOnWriteArrayList<>();

    StandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    void on(String path, Script script) {
        scripts.put(path, script);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            methods.add(ex.getRequestMethod());
            Script script = scripts.get(ex.getRequestURI().getPath());
            Reply reply = script == null ? new Reply(404, "text/plain", new byte[0])
                    : script.answer(ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery());
            ex.getResponseHeaders().set("Content-Type", reply.contentType());
            ex.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
