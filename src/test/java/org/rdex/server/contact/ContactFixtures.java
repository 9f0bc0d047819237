package org.rdex.server.contact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.eclipse.microprofile.config.ConfigProvider;
import org.rdex.server.support.ProtocolFixtures;
import org.rdex.server.support.TestJourneys;
import org.rdex.server.support.TrustAllTls;

import io.restassured.specification.RequestSpecification;

/**
 * Partners, journeys and keys for contact tests (those of {@link ProtocolFixtures}, with the contact tests'
 * journey and key), and an HTTPS client that can pick its source address.
 */
final class ContactFixtures {

    static final String PLATFORM = ProtocolFixtures.PLATFORM;
    static final String ADMIN = ProtocolFixtures.ADMIN;

    private ContactFixtures() {
    }

    static String unique(String prefix) {
        return ProtocolFixtures.unique(prefix);
    }

    static int httpsPort() {
        return ProtocolFixtures.httpsPort();
    }

    static RequestSpecification https() {
        return ProtocolFixtures.https();
    }

    static RequestSpecification admin() {
        return ProtocolFixtures.admin();
    }

    static Connection db() throws SQLException {
        return ProtocolFixtures.db();
    }

    /** A partner row with the given sites; returns its name. */
    static String partner(String name, String... sites) {
        return ProtocolFixtures.partner(name, sites);
    }

    /** An own journey pushed through the platform API, its owner's e-mail {@code ownerEmail}; returns its published uuid. */
    static String journey(String externalId, String ownerEmail) {
        return ProtocolFixtures.journey(externalId,
                TestJourneys.punctualJson("2099-03-01").replace("alice@example.org", ownerEmail));
    }

    /** Issues a key through the admin API and returns it. */
    static String key(String partner, String... ips) {
        return ProtocolFixtures.key(partner, ips).getString("key");
    }

    static long count(String sql, Object... args) {
        return ProtocolFixtures.count(sql, args);
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
            return TrustAllTls.context();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
