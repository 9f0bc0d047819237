package org.rdex.server.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Console sessions. The cookie holds a random session id, its expiry and an HMAC of both under a key drawn
 * at start (never the admin token, nor anything derived from it); the id must also be live here, so signing
 * out ends it at once. Sessions do not survive a restart: sign in again. The CSRF token of a session is an
 * HMAC of its id, so it needs no storage and cannot be computed without the key.
 */
@ApplicationScoped
public class ConsoleSessions {

    public static final String COOKIE = "rdex_console";

    /** A signed-in operator's session. */
    public record Session(String id, Instant expires, String csrf) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Inject
    ConsoleConfig config;

    private final byte[] key = new byte[32];
    private final Map<String, Instant> live = new ConcurrentHashMap<>();

    ConsoleSessions() {
        RANDOM.nextBytes(key);
    }

    /** A new session; its cookie value is {@link #cookieValue}. */
    public Session open() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String sessionId = B64.encodeToString(id);
        Instant expires = Instant.now().plus(config.sessionTtl()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        live.put(sessionId, expires);
        live.entrySet().removeIf(e -> e.getValue().isBefore(Instant.now()));
        return new Session(sessionId, expires, csrf(sessionId));
    }

    public String cookieValue(Session session) {
        String payload = session.id() + "." + session.expires().getEpochSecond();
        return payload + "." + mac("session|" + payload);
    }

    /** The session a cookie names, when its signature holds, it has not expired and it was not closed. */
    public Optional<Session> find(String cookie) {
        if (cookie == null || cookie.length() > 200) {
            return Optional.empty();
        }
        String[] parts = cookie.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1];
        if (!equal(mac("session|" + payload), parts[2])) {
            return Optional.empty();
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Instant known = live.get(parts[0]);
        if (known == null || !expires.equals(known) || expires.isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(new Session(parts[0], expires, csrf(parts[0])));
    }

    public void close(Session session) {
        live.remove(session.id());
    }

    /** Token of the sign-in form, bound to a random pre-session cookie (double submit). */
    public String loginCsrf(String preSession) {
        return mac("login|" + preSession);
    }

    public static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    public static boolean equal(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private String csrf(String sessionId) {
        return mac("csrf|" + sessionId);
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
