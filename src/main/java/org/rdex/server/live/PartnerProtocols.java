package org.rdex.server.live;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.FieldRules;
import org.rdex.server.common.Texts;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.SecretCipher;
import org.rdex.server.partner.PartnerService;
import org.rdex.server.protocol.PartnerProtocol;
import org.rdex.server.protocol.ProtocolEndpoint;
import org.rdex.server.protocol.ProtocolRegistry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The live protocols partners expose (rows of {@code partner_protocol} and {@code partner_live}, V100): set by the admin API and the CLI,
 * read by live search and outbound contact. Secrets are encrypted with the partner-key cipher and decrypted
 * here only, into {@link LivePartner}s kept in memory. Each use compares a one-row summary of the table
 * (row count, latest change) with the one they were loaded at, so a change made by the CLI or another
 * instance is seen at the next search; the partners' own rows (operator, certificate pin) are read again
 * after {@link LiveConfig#settingsCacheTtl()}.
 */
@ApplicationScoped
public class PartnerProtocols {

    private static final Logger LOG = Logger.getLogger(PartnerProtocols.class);
    private static final int MAX_KEY = 4096;
    private static final int MAX_URL = 500;

    @Inject
    PartnerService partners;
    @Inject
    SecretCipher cipher;
    @Inject
    LiveConfig config;
    @Inject
    org.rdex.server.audit.AuditLog audit;

    @Inject
    javax.sql.DataSource dataSource;
    @Inject
    ProtocolRegistry registry;
    @Inject
    EntityManager em;

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, String>> STRINGS =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };
    private final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();

    private record Snapshot(long loadedAtNanos, String version, List<LivePartner> all) {
    }

    private volatile Snapshot snapshot;

    /** The partner's settings, without secrets. @throws ApiException 404 for an unknown partner */
    public ProtocolView view(String partnerName) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Partner partner = partner(partnerName);
            return view(partner.name, readLive(partner.id), readRows(partner.id));
        });
    }

    /**
     * Changes a partner's live protocols: {@code replace} (PUT) starts from nothing, otherwise (PATCH) null
     * members keep their value and empty ones clear it. Each registered protocol reads its own fields.
     *
     * @throws ApiException 404 for an unknown partner, 400 naming every invalid field
     */
    public ProtocolView update(String partnerName, ProtocolUpdate u, boolean replace) {
        Map<String, String> fields = u.fields();
        ProtocolView view = QuarkusTransaction.requiringNew().call(() -> {
            Partner partner = partner(partnerName);
            ProtocolView shownBefore = view(partner.name, readLive(partner.id), readRows(partner.id));
            Live live = replace ? new Live(null, null, true, null) : readLive(partner.id);
            Map<String, Row> rows = replace ? new LinkedHashMap<>() : readRows(partner.id);
            List<FieldError> errors = new ArrayList<>();
            for (PartnerProtocol protocol : registry.all()) {
                Row before = rows.get(protocol.kind());
                Row row = change(protocol, before, fields, errors);
                if (row == null) {
                    rows.remove(protocol.kind());
                } else {
                    rows.put(protocol.kind(), row);
                }
            }
            Integer timeoutMs = live.timeoutMs();
            if (u.timeoutMs() != null) {
                if (u.timeoutMs() == 0) {
                    timeoutMs = null;
                } else if (u.timeoutMs() < 50 || u.timeoutMs() > 60000) {
                    errors.add(new FieldError("timeoutMs", "must be from 50 to 60000 (0 takes rdex.live.timeout)"));
                } else {
                    timeoutMs = u.timeoutMs();
                }
            }
            String contactVia = live.contactVia();
            if (u.contactVia() != null) {
                String via = u.contactVia().strip().toLowerCase(Locale.ROOT);
                if (via.isEmpty() || via.equals("auto")) {
                    contactVia = null;
                } else if (via.equals(PartnerProtocol.RDEX10)
                        || registry.find(via).filter(PartnerProtocol::contacts).isPresent()) {
                    contactVia = via;
                } else {
                    errors.add(new FieldError("contactVia", "must be one of " + PartnerProtocol.RDEX10 + ", "
                            + registry.all().stream().filter(PartnerProtocol::contacts).map(PartnerProtocol::kind)
                                    .reduce((a, b) -> a + ", " + b).orElse("") + ", auto"));
                }
            }
            boolean liveSearch = u.liveSearch() != null ? u.liveSearch() : live.liveSearch();
            if (errors.isEmpty() && contactVia != null && !contactVia.equals(PartnerProtocol.RDEX10)
                    && !rows.containsKey(contactVia)) {
                errors.add(new FieldError("contactVia", contactVia + " needs the partner's "
                        + registry.get(contactVia).title() + " settings"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            Instant now = Instant.now();
            em.createNativeQuery("delete from partner_protocol where partner_id = :p").setParameter("p", partner.id)
                    .executeUpdate();
            for (Map.Entry<String, Row> e : rows.entrySet()) {
                Row r = e.getValue();
                em.createNativeQuery("""
                        insert into partner_protocol (partner_id, kind, url, settings, secrets_enc, updated_at)
                        values (:p, :k, :u, cast(:s as jsonb), cast(:x as jsonb), :t)""")
                        .setParameter("p", partner.id).setParameter("k", e.getKey()).setParameter("u", r.url())
                        .setParameter("s", write(r.settings())).setParameter("x", write(r.secretsEncrypted()))
                        .setParameter("t", java.sql.Timestamp.from(now)).executeUpdate();
            }
            em.createNativeQuery("""
                    insert into partner_live (partner_id, timeout_ms, contact_via, live_search, updated_at)
                    values (:p, :t, :v, :l, :n)
                    on conflict (partner_id) do update set timeout_ms = excluded.timeout_ms,
                        contact_via = excluded.contact_via, live_search = excluded.live_search,
                        updated_at = excluded.updated_at""")
                    .setParameter("p", partner.id).setParameter("t", timeoutMs).setParameter("v", contactVia)
                    .setParameter("l", liveSearch).setParameter("n", java.sql.Timestamp.from(now)).executeUpdate();
            LOG.infof("Live protocols of partner %s set: %s contact=%s", partner.name, rows.keySet(),
                    contactVia == null ? "auto" : contactVia);
            ProtocolView after = view(partner.name, new Live(timeoutMs, contactVia, liveSearch, now), rows);
            audit.record("protocol.set", partner.name, null, shownBefore, after);
            return after;
        });
        invalidate();
        return view;
    }

    /**
     * The protocol's row after the change: its fields as given (null keeps, empty clears), all required once
     * any is set, the URL checked; null when none is left.
     */
    private Row change(PartnerProtocol protocol, Row before, Map<String, String> fields, List<FieldError> errors) {
        String url = before == null ? null : before.url();
        Map<String, String> settings = new LinkedHashMap<>(before == null ? Map.of() : before.settings());
        Map<String, String> secrets = new LinkedHashMap<>(before == null ? Map.of() : before.secretsEncrypted());
        int errorsBefore = errors.size();
        if (fields.containsKey(protocol.urlField())) {
            url = url(fields.get(protocol.urlField()), protocol.urlField(), errors);
        }
        for (PartnerProtocol.Setting s : protocol.settings()) {
            if (!fields.containsKey(s.field())) {
                continue;
            }
            String value = key(fields.get(s.field()), s.field(), errors);
            Map<String, String> target = s.secret() ? secrets : settings;
            if (value == null) {
                target.remove(s.name());
            } else {
                target.put(s.name(), s.secret() ? cipher.encrypt(value) : value);
            }
        }
        if (url == null && settings.isEmpty() && secrets.isEmpty()) {
            return null;
        }
        if (errors.size() == errorsBefore) {
            if (url == null) {
                errors.add(new FieldError(protocol.urlField(), "is required with the other " + protocol.title() + " settings"));
            }
            for (PartnerProtocol.Setting s : protocol.settings()) {
                if (!(s.secret() ? secrets : settings).containsKey(s.name())) {
                    errors.add(new FieldError(s.field(), "is required with the other " + protocol.title() + " settings"));
                }
            }
        }
        if (errors.size() == errorsBefore) {
            protocol.validate(new ProtocolEndpoint(0, "", null, null, protocol.kind(), url, settings, Map.of(), null),
                    errors);
        }
        return new Row(url, settings, secrets, null);
    }

    /** Every protocol's admin API field (URL and settings), in the protocols' order. */
    public List<String> fieldNames() {
        List<String> out = new ArrayList<>();
        for (PartnerProtocol protocol : registry.all()) {
            out.add(protocol.urlField());
            protocol.settings().forEach(s -> out.add(s.field()));
        }
        return out;
    }

    /** Removes every live protocol of the partner. @throws ApiException 404 for an unknown partner */
    public void clear(String partnerName) {
        QuarkusTransaction.requiringNew().run(() -> {
            Partner partner = partner(partnerName);
            audit.record("protocol.clear", partner.name, null,
                    view(partner.name, readLive(partner.id), readRows(partner.id)), null);
            em.createNativeQuery("delete from partner_protocol where partner_id = :p").setParameter("p", partner.id)
                    .executeUpdate();
            em.createNativeQuery("delete from partner_live where partner_id = :p").setParameter("p", partner.id)
                    .executeUpdate();
            LOG.infof("Live protocols of partner %s removed", partner.name);
        });
        invalidate();
    }

    /** A stored row: URL, public settings, secrets as stored (each encrypted). */
    private record Row(String url, Map<String, String> settings, Map<String, String> secretsEncrypted, Instant updatedAt) {
    }

    private record Live(Integer timeoutMs, String contactVia, boolean liveSearch, Instant updatedAt) {
    }

    private Live readLive(long partnerId) {
        List<?> rows = em.createNativeQuery(
                "select timeout_ms, contact_via, live_search, updated_at from partner_live where partner_id = :p")
                .setParameter("p", partnerId).getResultList();
        if (rows.isEmpty()) {
            return new Live(null, null, true, null);
        }
        Object[] r = (Object[]) rows.get(0);
        return new Live(r[0] == null ? null : ((Number) r[0]).intValue(), (String) r[1], Boolean.TRUE.equals(r[2]),
                instant(r[3]));
    }

    /** The partner's rows by kind, in the protocols' order; kinds no bean serves are left out. */
    private Map<String, Row> readRows(long partnerId) {
        List<?> rows = em.createNativeQuery("""
                select kind, url, cast(settings as text), cast(secrets_enc as text), updated_at
                from partner_protocol where partner_id = :p""").setParameter("p", partnerId).getResultList();
        Map<String, Row> byKind = new HashMap<>();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            byKind.put((String) r[0], new Row((String) r[1], read((String) r[2]), read((String) r[3]), instant(r[4])));
        }
        Map<String, Row> out = new LinkedHashMap<>();
        for (PartnerProtocol p : registry.all()) {
            if (byKind.containsKey(p.kind())) {
                out.put(p.kind(), byKind.get(p.kind()));
            }
        }
        return out;
    }

    /** The admin API's view: each protocol fills its own fields (a secret shows only as present). */
    private ProtocolView view(String partnerName, Live live, Map<String, Row> rows) {
        Map<String, Object> fields = new HashMap<>();
        java.util.Set<String> secretFields = new java.util.HashSet<>();
        // Every protocol's fields, null (or false) when not configured, so that the view names them all.
        for (PartnerProtocol protocol : registry.all()) {
            fields.put(protocol.urlField(), null);
            for (PartnerProtocol.Setting s : protocol.settings()) {
                fields.put(s.field(), s.secret() ? Boolean.FALSE : null);
                if (s.secret()) {
                    secretFields.add(s.field());
                }
            }
        }
        Instant updated = live.updatedAt();
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            PartnerProtocol protocol = registry.get(e.getKey());
            Row r = e.getValue();
            fields.put(protocol.urlField(), r.url());
            for (PartnerProtocol.Setting s : protocol.settings()) {
                fields.put(s.field(), s.secret() ? r.secretsEncrypted().containsKey(s.name()) : r.settings().get(s.name()));
            }
            if (updated == null || r.updatedAt() != null && r.updatedAt().isAfter(updated)) {
                updated = r.updatedAt();
            }
        }
        boolean any = !rows.isEmpty() || live.updatedAt() != null;
        return ProtocolView.of(partnerName, fields, secretFields, live.timeoutMs(), live.contactVia(), live.liveSearch(),
                any ? updated : null);
    }

    /** Every partner with a live protocol, secrets decrypted (from memory, see the class comment). */
    public List<LivePartner> all() {
        Snapshot s = snapshot;
        String version = version();
        if (s == null || !s.version().equals(version)
                || System.nanoTime() - s.loadedAtNanos() > config.settingsCacheTtl().toNanos()) {
            s = new Snapshot(System.nanoTime(), version, load());
            snapshot = s;
        }
        return s.all();
    }

    public Optional<LivePartner> byId(long partnerId) {
        return all().stream().filter(p -> p.id() == partnerId).findFirst();
    }

    public Optional<LivePartner> byName(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public void invalidate() {
        snapshot = null;
    }

    private String version() {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(
                        "select (select count(*) || '/' || coalesce(max(updated_at)::text, '') from partner_protocol) || '|' || "
                                + "(select count(*) || '/' || coalesce(max(updated_at)::text, '') from partner_live)")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read partners' live protocols", e);
        }
    }

    private List<LivePartner> load() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> ids = em.createNativeQuery(
                    "select partner_id from partner_protocol union select partner_id from partner_live").getResultList();
            List<LivePartner> out = new ArrayList<>();
            if (ids.isEmpty()) {
                return List.<LivePartner>of();
            }
            List<Partner> ps = Partner.list("id in ?1", ids.stream().map(i -> ((Number) i).longValue()).toList());
            for (Partner partner : ps) {
                Live live = readLive(partner.id);
                Duration timeout = live.timeoutMs() == null ? config.timeout() : Duration.ofMillis(live.timeoutMs());
                try {
                    List<ProtocolEndpoint> endpoints = new ArrayList<>();
                    for (Map.Entry<String, Row> e : readRows(partner.id).entrySet()) {
                        Map<String, String> secrets = new HashMap<>();
                        e.getValue().secretsEncrypted().forEach((k, v) -> secrets.put(k, cipher.decrypt(v)));
                        endpoints.add(new ProtocolEndpoint(partner.id, partner.name, partner.operator,
                                partner.pinnedFingerprints(), e.getKey(), e.getValue().url(), e.getValue().settings(),
                                secrets, timeout));
                    }
                    if (endpoints.isEmpty() && live.updatedAt() == null) {
                        continue;
                    }
                    out.add(new LivePartner(partner.id, partner.name, partner.operator, partner.pinnedFingerprints(),
                            endpoints, timeout, live.contactVia(), live.liveSearch()));
                } catch (IllegalStateException e) {
                    // A secret sealed with another RDEX_SECRET_KEY: this partner is left out, the others serve.
                    LOG.errorf("Live protocols of partner %s skipped: %s", partner.name, e.getMessage());
                }
            }
            out.sort((a, b) -> a.name().compareTo(b.name()));
            return List.copyOf(out);
        });
    }

    private Map<String, String> read(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, STRINGS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("partner_protocol holds settings that are not a JSON object of strings");
        }
    }

    private String write(Map<String, String> values) {
        try {
            return mapper.writeValueAsString(new java.util.TreeMap<>(values));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
    }

    private Partner partner(String name) {
        return partners.findByName(name).orElseThrow(() -> ApiException.notFound("Partner"));
    }

    private static String key(String value, String field, List<FieldError> errors) {
        String v = value.strip();
        if (v.isEmpty()) {
            return null;
        }
        if (v.length() > MAX_KEY || Texts.hasControlCharacters(v, false)) {
            errors.add(new FieldError(field, "must be at most " + MAX_KEY + " characters without control characters"));
            return null;
        }
        return v;
    }

    /**
     * An absolute API root without credentials, query or fragment, trailing slash dropped. HTTPS, or plain HTTP
     * to a loopback address only (a partner simulated on this machine): keys travel in these calls.
     */
    static String url(String value, String field, List<FieldError> errors) {
        String v = value.strip();
        if (v.isEmpty()) {
            return null;
        }
        boolean ok = v.length() <= MAX_URL && !Texts.hasControlCharacters(v, false) && FieldRules.httpUrl(v)
                .filter(uri -> uri.getUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null)
                .filter(uri -> uri.getScheme().equalsIgnoreCase("https") || loopback(uri.getHost()))
                .isPresent();
        if (ok) {
            while (v.endsWith("/")) {
                v = v.substring(0, v.length() - 1);
            }
            return v;
        }
        errors.add(new FieldError(field, "must be an absolute https URL (http only to a loopback address) without"
                + " credentials, query or fragment"));
        return null;
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Literal addresses only: no name is resolved here.
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
