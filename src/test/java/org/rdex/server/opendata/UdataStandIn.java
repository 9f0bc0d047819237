package org.rdex.server.opendata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for data.gouv.fr's udata API, on loopback: the resource upload
 * ({@code POST /api/1/datasets/{d}/resources/{r}/upload/}, multipart with a {@code file} part) and the resource
 * update ({@code PUT /api/1/datasets/{d}/resources/{r}/}, JSON only). It checks the {@code X-API-KEY} header
 * (401 otherwise), answers 404 for other datasets or resources, and can be told to fail the next calls.
 */
final class UdataStandIn {

    static final String DATASET = "covoiturage-test";
    static final String RESOURCE = "3f1c9a52-6f1e-4f7e-9a43-0d1d2c3b4a59";
    static final String KEY = "test-udata-key";

    /** One call as received. */
    record Call(String method, String path, String apiKey, String contentType, String filename, byte[] file,
            String json) {
    }

    private static UdataStandIn instance;

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private volatile String expectedKey = KEY;

    private static final String PORT_PROPERTY = "rdex.test.udata-port";

    private UdataStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 0);
        server.createContext("/api/1/", this::handle);
        server.start();
    }

    static synchronized UdataStandIn get() {
        if (instance == null) {
            try {
                instance = new UdataStandIn();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /**
     * The test profile and the test see this class through different class loaders, so they agree on a port
     * through a system property rather than on an instance: the profile only reads the URL, the test starts it.
     */
    /** Open data on, pushing to this stand-in with quick retries: what every open-data test profile starts from. */
    static Map<String, String> pushTo(Map<String, String> more) {
        Map<String, String> config = new HashMap<>(Map.of(
                "rdex.opendata.enabled", "true",
                "rdex.opendata.datagouv.base-url", baseUrl(),
                "rdex.opendata.datagouv.dataset", DATASET,
                "rdex.opendata.datagouv.resource", RESOURCE,
                "rdex.opendata.datagouv.api-key", KEY,
                "rdex.opendata.datagouv.initial-backoff", "PT0.05S",
                "rdex.opendata.datagouv.max-backoff", "PT0.2S"));
        config.putAll(more);
        return config;
    }

    static String baseUrl() {
        return "http://127.0.0.1:" + port() + "/api/1";
    }

    private static int port() {
        synchronized (System.class) {
            Integer port = Integer.getInteger(PORT_PROPERTY);
            if (port == null) {
                try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    port = probe.getLocalPort();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.setProperty(PORT_PROPERTY, port.toString());
            }
            return port;
        }
    }

    /** Frees the port: the next test class runs in another class loader and starts its own stand-in there. */
    static synchronized void stop() {
        if (instance != null) {
            instance.server.stop(0);
            instance = null;
        }
    }

    synchronized void reset() {
        calls.clear();
        failures.clear();
        expectedKey = KEY;
    }

    /** The next calls answer these statuses, in order, before the normal behaviour resumes. */
    synchronized void failNext(Integer... statuses) {
        failures.addAll(Arrays.asList(statuses));
    }

    void expectKey(String key) {
        expectedKey = key;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String key = exchange.getRequestHeaders().getFirst("X-API-KEY");
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            Integer failure;
            synchronized (this) {
                failure = failures.poll();
            }
            String resourcePath = "/api/1/datasets/" + DATASET + "/resources/" + RESOURCE + "/";
            if (failure != null) {
                record(new Call(method, path, key, type, null, null, null));
                respond(exchange, failure, "{\"message\":\"stand-in failure\"}");
                return;
            }
            if (key == null || !key.equals(expectedKey)) {
                record(new Call(method, path, key, type, null, null, null));
                respond(exchange, 401, "{\"message\":\"Invalid API Key\"}");
                return;
            }
            if (method.equals("POST") && path.equals(resourcePath + "upload/")) {
                Matcher boundary = Pattern.compile("multipart/form-data; *boundary=(\\S+)").matcher(type == null ? "" : type);
                if (!boundary.matches()) {
                    respond(exchange, 400, "{\"success\":false,\"error\":\"Missing file parameter\"}");
                    return;
                }
                Part part = filePart(body, boundary.group(1));
                if (part == null) {
                    respond(exchange, 400, "{\"success\":false,\"error\":\"Missing file parameter\"}");
                    return;
                }
                record(new Call(method, path, key, type, part.filename, part.data, null));
                respond(exchange, 200, "{\"id\":\"" + RESOURCE + "\",\"title\":\"" + part.filename
                        + "\",\"url\":\"https://static.data.gouv.fr/resources/x/" + part.filename + "\",\"success\":true}");
            } else if (method.equals("PUT") && path.equals(resourcePath)) {
                if (type == null || !type.startsWith("application/json")) {
                    respond(exchange, 400, "{\"errors\":{\"body\":\"JSON expected\"}}");
                    return;
                }
                String json = new String(body, StandardCharsets.UTF_8);
                record(new Call(method, path, key, type, null, null, json));
                respond(exchange, 200, json);
            } else {
                record(new Call(method, path, key, type, null, null, null));
                respond(exchange, 404, "{\"message\":\"Resource not found\"}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private synchronized void record(Call call) {
        calls.add(call);
    }

    private record Part(String filename, byte[] data) {
    }

    /** The part named {@code file}: headers up to the blank line, data up to the next boundary. */
    private static Part filePart(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int headersStart = start + delimiter.length + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart);
            if (headersEnd < 0) {
                return null;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.US_ASCII);
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), headersEnd + 4);
            if (next < 0) {
                return null;
            }
            Matcher name = Pattern.compile("Content-Disposition: form-data; name=\"file\"; filename=\"([^\"]+)\"",
                    Pattern.CASE_INSENSITIVE).matcher(headers);
            if (name.find()) {
                return new Part(name.group(1), Arrays.copyOfRange(body, headersEnd + 4, next));
            }
            start = next + 2;
        }
        return null;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
