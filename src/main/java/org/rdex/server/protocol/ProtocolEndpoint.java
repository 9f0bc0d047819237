package org.rdex.server.protocol;

import java.time.Duration;
import java.util.Map;

/**
 * One row of {@code partner_protocol} ready for calls: a partner's API of one protocol {@code kind}, its root
 * {@code url}, its public {@code settings} and its {@code secrets} decrypted (held in memory only), with what
 * the calls need of the partner (name, operator host, certificate pins, live timeout). {@link #toString()}
 * never shows a secret.
 */
public record ProtocolEndpoint(long partnerId, String partnerName, String operator, String fingerprint, String kind,
        String url, Map<String, String> settings, Map<String, String> secrets, Duration timeout) {

    public ProtocolEndpoint {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    /** A public setting, null when absent. */
    public String setting(String name) {
        return settings.get(name);
    }

    /** A decrypted secret, null when absent. */
    public String secret(String name) {
        return secrets.get(name);
    }

    @Override
    public String toString() {
        return "ProtocolEndpoint[" + partnerName + ", " + kind + " " + url + "]";
    }
}
