package org.rdex.server.journey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.rdex.server.common.Secrets;
import org.rdex.server.common.OperatorConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The RDEX {@code uuid} of own journeys: an HMAC-SHA1 of the platform's id (40 hex characters, the form
 * the specification shows). Stable for a given id, and reveals nothing of it without the secret.
 */
@ApplicationScoped
public class PublicIds {

    private static final String SETTING = "journey-uuid-secret";

    @Inject
    OperatorConfig operator;
    @Inject
    EntityManager em;

    private volatile byte[] secret;

    public String uuidFor(String externalId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret(), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(externalId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] secret() {
        byte[] current = secret;
        if (current == null) {
            String value = operator.uuidSecret().filter(s -> !s.isBlank()).orElseGet(this::storedSecret);
            current = value.getBytes(StandardCharsets.UTF_8);
            secret = current;
        }
        return current;
    }

    /** Generated once for the whole database, so that every instance derives the same uuids. */
    private String storedSecret() {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("insert into server_setting (name, value) values (:n, :v) on conflict do nothing")
                    .setParameter("n", SETTING).setParameter("v", Secrets.randomToken(32)).executeUpdate();
            return (String) em.createNativeQuery("select value from server_setting where name = :n")
                    .setParameter("n", SETTING).getSingleResult();
        });
    }
}
