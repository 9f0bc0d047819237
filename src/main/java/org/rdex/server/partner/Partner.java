package org.rdex.server.partner;

import java.time.Instant;
import java.util.Optional;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A partner platform of the RDEX network. */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    public String operator;
    @Column(name = "feed_url")
    public String feedUrl;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] sites = new String[0];
    @Column(name = "contact_url")
    public String contactUrl;
    /** The key this partner issued to us, encrypted: only {@link PartnerService#outboundKey} decrypts it. */
    @Column(name = "outbound_key_enc")
    public String outboundKeyEncrypted;
    @Column(name = "tls_fingerprint")
    public String tlsFingerprint;
    /** A second accepted pin while the partner rotates its certificate; see {@link #pins()}. */
    @Column(name = "tls_fingerprint_next")
    public String tlsFingerprintNext;
    /** ETag of the last feed imported, sent back as If-None-Match. */
    @Column(name = "feed_etag")
    public String feedEtag;
    /** Last-Modified of the last feed imported, sent back as If-Modified-Since. */
    @Column(name = "feed_last_modified")
    public String feedLastModified;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    /** Whether this partner issued us a key (without revealing it). */
    public boolean hasOutboundKey() {
        return outboundKeyEncrypted != null && !outboundKeyEncrypted.isBlank();
    }

    /** The certificate pins accepted for this partner (none, one, or two during a rotation). */
    public java.util.List<String> pins() {
        java.util.List<String> pins = new java.util.ArrayList<>(2);
        if (tlsFingerprint != null && !tlsFingerprint.isBlank()) {
            pins.add(tlsFingerprint);
        }
        if (tlsFingerprintNext != null && !tlsFingerprintNext.isBlank() && !pins.contains(tlsFingerprintNext)) {
            pins.add(tlsFingerprintNext);
        }
        return pins;
    }

    /** The pins as {@link org.rdex.server.tls.PinnedTls#context(String)} takes them, or null without any. */
    public String pinnedFingerprints() {
        java.util.List<String> pins = pins();
        return pins.isEmpty() ? null : String.join(",", pins);
    }

    /** Names are stored lower-case; any spelling of one finds the partner. */
    public static Optional<Partner> findByName(String name) {
        return name == null ? Optional.empty() : find("name", normalizeName(name)).firstResultOptional();
    }

    /** The stored form of a partner name: trimmed, lower-case. */
    public static String normalizeName(String name) {
        return name.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
