package org.rdex.server.contact;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.eclipse.microprofile.config.ConfigProvider;
import org.rdex.server.support.PostgresResource;
import org.rdex.server.support.TestJourneys;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Partners, journeys and keys for contact tests, and an HTTPS client that can pick its source address. */
final class ContactFixtures {

    static final String PLATFORM = "Bearer test-platform-token";
    static final String ADMIN = "Bearer test-admin-token";

    private ContactFixtures() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static int httpsPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-ssl-port", Integer.class).orElse(8444);
    }

    static int managementPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
    }

    static RequestSpecification https() {
        return given().relaxedHTTPSValidation().baseUri("https://localhost").port(httpsPort());
    }

    static RequestSpecification admin() {
        return given().baseUri("http://127.0.0.1").port(managementPort()).header("Authorization", ADMIN);
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(PostgresResource.jdbcUrl());
    }

    /** A partner row with the given sites; returns its name. */
    static String partner(String name, String... sites) {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "insert into partner (name, operator, sites) values (?, ?, ?)")) {
            s.setString(1, name);
            s.setString(2, name + "-operator");
            s.setArray(3, c.createArrayOf("text", sites));
            s.executeUpdate();
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An own journey pushed through the platform API; returns its published uuid. */
    static String journey(String externalId, String ownerEmail) {
        return given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                .body(TestJourneys.punctualJson("2099-03-01").replace("alice@example.org", ownerEmail))
                .when().put("/api/v1/journeys/" + externalId)
                .then().statusCode(201).extract().path("uuid");
    }

    /** Issues a key through the admin API and returns it. */
    static String key(String partner, String... ips) {
        return admin().contentType(ContentType.JSON)
                .body(java.util.Map.of("partner", partner, "ips", List.of(ips)))
                .when().post("/admin/keys")
                .then().statusCode(201).extract().path("key");
    }

    static long count(String sql, Object... args) {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String form(String key, String id, String from, String site, String message) {
        return "Key=" + enc(key) + "&Id=" + enc(id) + "&From=" + enc(from) + "&Site=" + enc(site) + "&Message=" + enc(message);
    }

    static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A raw HTTP/1.1 POST from a chosen local address (java.net.http cannot bind one). */
    record Raw(int status, String body) {
    }

    static Raw post(String localAddress, String path, String contentType, String body) throws IOException {
        return post(localAddress, true, path, List.of(), contentType, body);
    }

    static int httpPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
    }

    /** The same with extra header lines (sent as given, so a header may repeat), over TLS or plain HTTP. */
    static Raw post(String localAddress, boolean tls, String path, List<String> headers, String contentType, String body)
            throws IOException {
        try (Socket socket = tls ? trustAll().getSocketFactory().createSocket() : new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", tls ? httpsPort() : httpPort()), 5000);
            socket.setSoTimeout(10000);
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                    + contentType + "\r\nContent-Length: " + payload.length + "\r\nConnection: close\r\n");
            headers.forEach(h -> head.append(h).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int start = text.indexOf("\r\n\r\n");
            return new Raw(status, start < 0 ? "" : text.substring(start + 4));
        }
    }

    /** TLS that trusts the self-signed test certificate, without a host name check (loopback only). */
    static SSLContext trustAll() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new X509ExtendedTrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            } }, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
