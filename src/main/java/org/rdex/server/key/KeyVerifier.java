package org.rdex.server.key;

import org.rdex.server.history.HistoryRecorder;
import org.rdex.server.common.IpRange;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.rdex.server.common.Secrets;
import org.rdex.server.key.KeyCheck.Caller;
import org.rdex.server.key.KeyCheck.Refusal;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Checks a presented partner key against the caller's address: the one entry point for every API that
 * partners call with a key (the contact API, and the export when it is restricted to partners).
 *
 * <p>Keys are cached in memory for speed. The cache is trusted only while the LISTEN connection is up
 * ({@link PgNotifications}); a revocation anywhere sends a NOTIFY that drops the entry here, and expiry
 * and revocation timestamps are compared with the clock on every call.
 *
 * <p>Throws {@link KeyStoreUnavailableException} when the
 * database cannot be read, so callers can answer 503 rather than refuse a valid key.
 */
@ApplicationScoped
public class KeyVerifier {

    public static final String CHANNEL = "rdex_keys";

    @Inject
    DataSource dataSource;
    @Inject
    PgNotifications notifications;
    @Inject
    KeysConfig config;
    @Inject
    HistoryRecorder history;

    private record Stored(String keyId, long partnerId, String partnerName, List<String> sites, byte[] hash,
            List<IpRange> ranges, Instant expiresAt, Instant revokedAt) {
    }

    private record Cached(Stored key, long generation, long loadedNanos) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so a read that raced with one is not cached. */
    private final AtomicLong invalidations = new AtomicLong();

    @PostConstruct
    void subscribe() {
        notifications.subscribe(CHANNEL, this::invalidate);
        notifications.onReset(this::invalidateAll);
    }

    /** The database could not be read: neither accept nor refuse. */
    public static class KeyStoreUnavailableException extends RuntimeException {
        KeyStoreUnavailableException(Throwable cause) {
            super("Key store unavailable", cause);
        }
    }

    /**
     * The same check answered from memory only (safe on an event loop): empty when the key must be read
     * from the database first, then call {@link #verify} on a worker thread.
     */
    public Optional<KeyCheck> verifyCached(String presented, InetAddress caller) {
        if (presented == null || presented.isBlank()) {
            return Optional.of(KeyCheck.refused(Refusal.MISSING));
        }
        Optional<KeyFormat.Parsed> parsed = KeyFormat.parse(presented.trim());
        if (parsed.isEmpty()) {
            return Optional.of(KeyCheck.refused(Refusal.UNKNOWN));
        }
        Optional<Stored> cached = cached(parsed.get().id());
        return cached.map(key -> check(key, parsed.get(), caller));
    }

    public KeyCheck verify(String presented, InetAddress caller) {
        if (presented == null || presented.isBlank()) {
            return KeyCheck.refused(Refusal.MISSING);
        }
        Optional<KeyFormat.Parsed> parsed = KeyFormat.parse(presented.trim());
        if (parsed.isEmpty()) {
            return KeyCheck.refused(Refusal.UNKNOWN);
        }
        Optional<Stored> stored = load(parsed.get().id());
        if (stored.isEmpty()) {
            return KeyCheck.refused(Refusal.UNKNOWN);
        }
        return check(stored.get(), parsed.get(), caller);
    }

    private KeyCheck check(Stored key, KeyFormat.Parsed parsed, InetAddress caller) {
        KeyCheck check = decide(key, parsed, caller);
        check.refusal().ifPresent(r -> history.keyRefused(key.keyId(), key.partnerName(), r.name().toLowerCase(Locale.ROOT)));
        return check;
    }

    private KeyCheck decide(Stored key, KeyFormat.Parsed parsed, InetAddress caller) {
        byte[] hash = Secrets.sha256(parsed.secret().getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(hash, key.hash())) {
            return KeyCheck.refused(Refusal.UNKNOWN);
        }
        Instant now = Instant.now();
        if (key.revokedAt() != null && !key.revokedAt().isAfter(now)) {
            return KeyCheck.refused(Refusal.REVOKED);
        }
        if (key.expiresAt() != null && !key.expiresAt().isAfter(now)) {
            return KeyCheck.refused(Refusal.EXPIRED);
        }
        if (caller == null || key.ranges().stream().noneMatch(r -> r.contains(caller))) {
            return KeyCheck.refused(Refusal.WRONG_IP);
        }
        return KeyCheck.accepted(new Caller(key.keyId(), key.partnerId(), key.partnerName(), key.sites()));
    }

    /** Drops one key from this instance's cache (NOTIFY payload is the key id). */
    public void invalidate(String keyId) {
        invalidations.incrementAndGet();
        if (keyId == null || keyId.isBlank()) {
            cache.clear();
        } else {
            cache.remove(keyId);
        }
    }

    public void invalidateAll() {
        invalidations.incrementAndGet();
        cache.clear();
    }

    private Optional<Stored> cached(String keyId) {
        Cached cached = cache.get(keyId);
        if (cached != null && notifications.connected() && cached.generation() == notifications.generation()
                && System.nanoTime() - cached.loadedNanos() < config.cacheTtl().toNanos()) {
            return Optional.of(cached.key());
        }
        return Optional.empty();
    }

    private Optional<Stored> load(String keyId) {
        Optional<Stored> hit = cached(keyId);
        if (hit.isPresent()) {
            return hit;
        }
        long generation = notifications.generation();
        long before = invalidations.get();
        Optional<Stored> stored = read(keyId);
        if (stored.isPresent() && notifications.connected() && notifications.generation() == generation
                && invalidations.get() == before) {
            cache.put(keyId, new Cached(stored.get(), generation, System.nanoTime()));
        }
        return stored;
    }

    private Optional<Stored> read(String keyId) {
        String sql = """
                select k.partner_id, k.secret_hash, k.allowed_ips, k.expires_at, k.revoked_at, p.name, p.sites
                from partner_key k join partner p on p.id = k.partner_id where k.id = ?""";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, keyId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<IpRange> ranges = new ArrayList<>();
                for (String cidr : strings(rs.getArray(3))) {
                    IpRange.parse(cidr).ifPresent(ranges::add);
                }
                return Optional.of(new Stored(keyId, rs.getLong(1), rs.getString(6), strings(rs.getArray(7)),
                        rs.getBytes(2), List.copyOf(ranges), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))));
            }
        } catch (SQLException e) {
            throw new KeyStoreUnavailableException(e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(String::valueOf).toList();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
