package org.rdex.server.live;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The live protocols partners expose (table {@code partner_protocol}, V45): set by the admin API and the CLI,
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

    private record Snapshot(long loadedAtNanos, String version, List<LivePartner> all) {
    }

    private volatile Snapshot snapshot;

    /** The partner's settings, without secrets. @throws ApiException 404 for an unknown partner */
    public ProtocolView view(String partnerName) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Partner partner = partner(partnerName);
            return ProtocolView.of(partner.name, PartnerProtocol.findById(partner.id));
        });
    }

    /**
     * Changes a partner's live protocols: {@code replace} (PUT) starts from nothing, otherwise (PATCH) null
     * members keep their value and empty ones clear it.
     *
     * @throws ApiException 404 for an unknown partner, 400 naming every invalid field
     */
    public ProtocolView update(String partnerName, ProtocolUpdate u, boolean replace) {
        ProtocolView view = QuarkusTransaction.requiringNew().call(() -> {
            Partner partner = partner(partnerName);
            PartnerProtocol p = PartnerProtocol.findById(partner.id);
            ProtocolView before = p == null ? null : ProtocolView.of(partner.name, p);
            boolean fresh = p == null;
            if (fresh) {
                p = new PartnerProtocol();
                p.partnerId = partner.id;
            }
            if (replace) {
                p.rdex12Url = p.rdex12Apikey = p.rdex12PrivateKeyEncrypted = null;
                p.standardUrl = p.standardApiKeyEncrypted = null;
                p.timeoutMs = null;
                p.contactVia = null;
                p.liveSearch = true;
            }
            List<FieldError> errors = new ArrayList<>();
            if (u.rdex12Url() != null) {
                p.rdex12Url = url(u.rdex12Url(), "rdex12Url", errors);
            }
            if (u.rdex12Apikey() != null) {
                p.rdex12Apikey = key(u.rdex12Apikey(), "rdex12Apikey", errors);
            }
            if (u.rdex12PrivateKey() != null) {
                String key = key(u.rdex12PrivateKey(), "rdex12PrivateKey", errors);
                p.rdex12PrivateKeyEncrypted = key == null ? null : cipher.encrypt(key);
            }
            if (u.standardUrl() != null) {
                p.standardUrl = url(u.standardUrl(), "standardUrl", errors);
            }
            if (u.standardApiKey() != null) {
                String key = key(u.standardApiKey(), "standardApiKey", errors);
                p.standardApiKeyEncrypted = key == null ? null : cipher.encrypt(key);
            }
            if (u.timeoutMs() != null) {
                if (u.timeoutMs() == 0) {
                    p.timeoutMs = null;
                } else if (u.timeoutMs() < 50 || u.timeoutMs() > 60000) {
                    errors.add(new FieldError("timeoutMs", "must be from 50 to 60000 (0 takes rdex.live.timeout)"));
                } else {
                    p.timeoutMs = u.timeoutMs();
                }
            }
            if (u.contactVia() != null) {
                String via = u.contactVia().strip().toLowerCase(Locale.ROOT);
                if (via.isEmpty() || via.equals("auto")) {
                    p.contactVia = null;
                } else if (via.equals("rdex10") || via.equals("rdex12") || via.equals("standard")) {
                    p.contactVia = via;
                } else {
                    errors.add(new FieldError("contactVia", "must be one of rdex10, rdex12, standard, auto"));
                }
            }
            if (u.liveSearch() != null) {
                p.liveSearch = u.liveSearch();
            }
            boolean anyRdex12 = p.rdex12Url != null || p.rdex12Apikey != null || p.rdex12PrivateKeyEncrypted != null;
            if (errors.isEmpty() && anyRdex12) {
                require(p.rdex12Url, "rdex12Url", "RDEX 1.2", errors);
                require(p.rdex12Apikey, "rdex12Apikey", "RDEX 1.2", errors);
                require(p.rdex12PrivateKeyEncrypted, "rdex12PrivateKey", "RDEX 1.2", errors);
            }
            if (errors.isEmpty() && (p.standardUrl != null || p.standardApiKeyEncrypted != null)) {
                require(p.standardUrl, "standardUrl", "standard-covoiturage", errors);
                require(p.standardApiKeyEncrypted, "standardApiKey", "standard-covoiturage", errors);
            }
            if (errors.isEmpty() && "rdex12".equals(p.contactVia) && !anyRdex12) {
                errors.add(new FieldError("contactVia", "rdex12 needs the partner's RDEX 1.2 settings"));
            }
            if (errors.isEmpty() && "standard".equals(p.contactVia) && p.standardUrl == null) {
                errors.add(new FieldError("contactVia", "standard needs the partner's standard-covoiturage settings"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            p.updatedAt = Instant.now();
            if (fresh) {
                p.persist();
            }
            audit.record("protocol.set", partner.name, null, before, ProtocolView.of(partner.name, p));
            LOG.infof("Live protocols of partner %s set: rdex12=%s standard=%s contact=%s", partner.name,
                    p.rdex12Url != null, p.standardUrl != null, p.contactVia == null ? "auto" : p.contactVia);
            return ProtocolView.of(partner.name, p);
        });
        invalidate();
        return view;
    }

    /** Removes every live protocol of the partner. @throws ApiException 404 for an unknown partner */
    public void clear(String partnerName) {
        QuarkusTransaction.requiringNew().run(() -> {
            Partner partner = partner(partnerName);
            audit.record("protocol.clear", partner.name, null, ProtocolView.of(partner.name, PartnerProtocol.findById(partner.id)), null);
            PartnerProtocol.deleteById(partner.id);
            LOG.infof("Live protocols of partner %s removed", partner.name);
        });
        invalidate();
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
                        "select count(*) || '/' || coalesce(max(updated_at)::text, '') from partner_protocol")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read partners' live protocols", e);
        }
    }

    private List<LivePartner> load() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<PartnerProtocol> rows = PartnerProtocol.listAll();
            Map<Long, Partner> byId = new HashMap<>();
            if (!rows.isEmpty()) {
                List<Partner> ps = Partner.list("id in ?1", rows.stream().map(r -> r.partnerId).toList());
                ps.forEach(p -> byId.put(p.id, p));
            }
            List<LivePartner> out = new ArrayList<>();
            for (PartnerProtocol r : rows) {
                Partner partner = byId.get(r.partnerId);
                if (partner == null) {
                    continue;
                }
                try {
                    String privateKey = r.rdex12PrivateKeyEncrypted == null ? null : cipher.decrypt(r.rdex12PrivateKeyEncrypted);
                    String apiKey = r.standardApiKeyEncrypted == null ? null : cipher.decrypt(r.standardApiKeyEncrypted);
                    Duration timeout = r.timeoutMs == null ? config.timeout() : Duration.ofMillis(r.timeoutMs);
                    LivePartner.Via via = r.contactVia == null ? null
                            : LivePartner.Via.valueOf(r.contactVia.toUpperCase(Locale.ROOT));
                    out.add(new LivePartner(partner.id, partner.name, partner.operator,
                            partner.pinnedFingerprints(), r.rdex12Url,
                            r.rdex12Apikey, privateKey, r.standardUrl, apiKey, timeout, via, r.liveSearch));
                } catch (IllegalStateException e) {
                    // A secret sealed with another RDEX_SECRET_KEY: this partner is left out, the others serve.
                    LOG.errorf("Live protocols of partner %s skipped: %s", partner.name, e.getMessage());
                }
            }
            out.sort((a, b) -> a.name().compareTo(b.name()));
            return List.copyOf(out);
        });
    }

    private Partner partner(String name) {
        return partners.findByName(name).orElseThrow(() -> ApiException.notFound("Partner"));
    }

    private static void require(Object value, String field, String protocol, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "is required with the other " + protocol + " settings"));
        }
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
