package org.rdex.server.key;

import org.rdex.server.common.IpRange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;
import org.rdex.server.common.ApiException;
import org.rdex.server.common.FieldError;
import org.rdex.server.common.Secrets;
import org.rdex.server.common.Texts;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.SecretCipher;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Issues, lists and revokes the keys partners use on our contact API. */
@ApplicationScoped
public class KeyService {

    private static final Logger LOG = Logger.getLogger(KeyService.class);

    @Inject
    EntityManager em;
    @Inject
    KeyVerifier verifier;
    @Inject
    org.rdex.server.audit.AuditLog audit;
    @Inject
    SecretCipher cipher;

    /** A key as listed: never its secret. */
    public record KeyView(String id, String partner, List<String> ips, Instant expiresAt, Instant revokedAt,
            Instant createdAt, String state) {
    }

    /**
     * A freshly issued key: {@code key} is shown once and stored only hashed, and encrypted for RDEX 1.2's
     * signatures. {@code key} is what the RDEX 1.0 contact API and standard-covoiturage's {@code X-API-Key}
     * take; RDEX 1.2 takes its two halves apart.
     */
    public record Issued(KeyView view, String key) {
        /** RDEX 1.2 {@code apikey}, sent with every request. */
        public String rdex12ApiKey() {
            return KeyFormat.publicHalf(KeyFormat.parse(key).orElseThrow());
        }

        /** RDEX 1.2 private key: the partner signs with it and never sends it. */
        public String rdex12PrivateKey() {
            return KeyFormat.parse(key).orElseThrow().secret();
        }

        @Override
        public String toString() {
            return "Issued[" + view.id() + "]";
        }
    }

    /**
     * Issues a key for {@code partnerName} valid from {@code ips} (addresses or CIDRs); {@code expires} is
     * a date (the key works until the end of that day, UTC) or an ISO instant. 400 naming the bad field,
     * 404 for an unknown partner.
     */
    @Transactional
    public Issued issue(String partnerName, List<String> ips, String expires) {
        List<FieldError> errors = new ArrayList<>();
        if (Texts.isBlank(partnerName)) {
            errors.add(new FieldError("partner", "is required"));
        }
        Set<String> ranges = new LinkedHashSet<>();
        if (ips == null || ips.isEmpty()) {
            errors.add(new FieldError("ips", "is required: at least one address or CIDR"));
        } else {
            for (String ip : ips) {
                Optional<IpRange> range = IpRange.parse(ip);
                if (range.isEmpty()) {
                    errors.add(new FieldError("ips", "is not an IP address or CIDR: " + Texts.abbreviate(ip)));
                } else {
                    ranges.add(range.get().toString());
                }
            }
        }
        Instant expiresAt = null;
        if (!Texts.isBlank(expires)) {
            expiresAt = parseExpiry(expires.trim());
            if (expiresAt == null) {
                errors.add(new FieldError("expires", "is not a date (YYYY-MM-DD) nor an ISO instant"));
            } else if (!expiresAt.isAfter(Instant.now())) {
                errors.add(new FieldError("expires", "is in the past"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Partner partner = Partner.findByName(partnerName.trim()).orElseThrow(() -> ApiException.notFound("Partner"));
        KeyFormat.Parsed generated = KeyFormat.generate();
        IssuedKey key = new IssuedKey();
        key.id = generated.id();
        key.partnerId = partner.id;
        key.secretHash = Secrets.sha256(generated.secret().getBytes(StandardCharsets.US_ASCII));
        key.secretEnc = cipher.encrypt(generated.secret());
        key.allowedIps = ranges.toArray(String[]::new);
        key.expiresAt = expiresAt;
        key.persist();
        em.flush();
        em.refresh(key);
        LOG.infof("Issued key %s to partner %s for %s", key.id, partner.name, String.join(",", ranges));
        audit.record("key.issue", partner.name, key.id, null, view(key, partner.name));
        return new Issued(view(key, partner.name), KeyFormat.format(generated));
    }

    @Transactional
    public List<KeyView> list() {
        List<Object[]> rows = em.createQuery(
                "select k, p.name from IssuedKey k, Partner p where p.id = k.partnerId order by k.createdAt, k.id",
                Object[].class).getResultList();
        return rows.stream().map(r -> view((IssuedKey) r[0], (String) r[1])).toList();
    }

    /**
     * Revokes a key; every instance sharing the database stops accepting it within a second (NOTIFY is
     * delivered on commit). Empty when there is no such key; revoking twice keeps the first date.
     */
    @Transactional
    public Optional<KeyView> revoke(String id) {
        IssuedKey key = id == null ? null : IssuedKey.findById(id.trim());
        if (key == null) {
            return Optional.empty();
        }
        if (key.revokedAt == null) {
            Partner owner = Partner.findById(key.partnerId);
            KeyView before = view(key, owner == null ? null : owner.name);
            key.revokedAt = Instant.now();
            audit.record("key.revoke", before.partner(), key.id, before, view(key, before.partner()));
            em.flush();
            em.createNativeQuery("select pg_notify(:channel, :id)")
                    .setParameter("channel", KeyVerifier.CHANNEL).setParameter("id", key.id).getSingleResult();
            LOG.infof("Revoked key %s", key.id);
        }
        // This instance drops it at once too, without waiting for its own notification.
        verifier.invalidate(key.id);
        Partner partner = Partner.findById(key.partnerId);
        return Optional.of(view(key, partner == null ? null : partner.name));
    }

    static Instant parseExpiry(String text) {
        try {
            return LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notAnInstant) {
                return null;
            }
        }
    }

    private static KeyView view(IssuedKey key, String partner) {
        Instant now = Instant.now();
        String state = key.revokedAt != null ? "revoked"
                : key.expiresAt != null && !key.expiresAt.isAfter(now) ? "expired" : "active";
        return new KeyView(key.id, partner, List.of(key.allowedIps), key.expiresAt, key.revokedAt, key.createdAt, state);
    }
}
