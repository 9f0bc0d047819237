package org.rdex.server.key;

import java.time.Instant;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A key we issued to a partner (table {@code partner_key}): it opens our APIs to that partner. The secret itself
 * is not stored, only its hash. The keys partners issued to us are {@code Partner.outboundKeyEncrypted}.
 */
@Entity
@Table(name = "partner_key")
public class IssuedKey extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "partner_id")
    public Long partnerId;
    @Column(name = "secret_hash")
    public byte[] secretHash;
    /** The secret, encrypted (SecretCipher): RDEX 1.2 verifies HMAC signatures with it. Null for older keys. */
    @Column(name = "secret_enc")
    public String secretEnc;
    @Column(name = "allowed_ips")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] allowedIps;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
