package org.rdex.server.live;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The live APIs a partner exposes (V45): RDEX 1.2 and/or standard-covoiturage. Secrets are stored encrypted
 * by {@code SecretCipher}; only {@link PartnerProtocols} decrypts them.
 */
@Entity
@Table(name = "partner_protocol")
public class PartnerProtocol extends PanacheEntityBase {

    @Id
    @Column(name = "partner_id")
    public Long partnerId;
    @Column(name = "rdex12_url")
    public String rdex12Url;
    @Column(name = "rdex12_apikey")
    public String rdex12Apikey;
    @Column(name = "rdex12_private_key_enc")
    public String rdex12PrivateKeyEncrypted;
    @Column(name = "standard_url")
    public String standardUrl;
    @Column(name = "standard_api_key_enc")
    public String standardApiKeyEncrypted;
    @Column(name = "timeout_ms")
    public Integer timeoutMs;
    @Column(name = "contact_via")
    public String contactVia;
    @Column(name = "live_search")
    public boolean liveSearch = true;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
