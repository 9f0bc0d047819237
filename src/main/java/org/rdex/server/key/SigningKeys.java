package org.rdex.server.key;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.rdex.server.key.KeyCheck.Refusal;
import org.rdex.server.partner.SecretCipher;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keys presented by their public half only ({@code rdex_<id>}, RDEX 1.2's {@code apikey}): finds the private
 * half, decrypted, so the caller can check an HMAC signature with it, after the same checks as any key
 * (revocation, expiry, the caller's address) through {@link KeyVerifier}. Fails closed: a key without a
 * stored secret (issued before V40), or one that cannot be decrypted, is refused.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    @Inject
    DataSource dataSource;
    @Inject
    SecretCipher cipher;
    @Inject
    KeyVerifier verifier;

    /** An accepted key with its private half, or the refusal. */
    public record Signing(KeyCheck check, String privateHalf) {
        @Override
        public String toString() {
            return "Signing[" + check + "]";
        }
    }

    /**
     * Throws {@link KeyVerifier.KeyStoreUnavailableException} when the database cannot be read, and
     * {@link IllegalStateException} when a stored secret cannot be decrypted (wrong master key).
     */
    public Signing verify(String publicHalf, InetAddress caller) {
        if (publicHalf == null || publicHalf.isBlank()) {
            return new Signing(KeyCheck.refused(Refusal.MISSING), null);
        }
        Optional<String> id = KeyFormat.parsePublicHalf(publicHalf.trim());
        if (id.isEmpty()) {
            return new Signing(KeyCheck.refused(Refusal.UNKNOWN), null);
        }
        Optional<String> sealed = read(id.get());
        if (sealed.isEmpty()) {
            return new Signing(KeyCheck.refused(Refusal.UNKNOWN), null);
        }
        String secret;
        try {
            secret = cipher.decrypt(sealed.get());
        } catch (IllegalStateException e) {
            LOG.errorf("Key %s: %s", id.get(), e.getMessage());
            throw e;
        }
        KeyCheck check = verifier.verify(KeyFormat.format(new KeyFormat.Parsed(id.get(), secret)), caller);
        return new Signing(check, check.caller().isPresent() ? secret : null);
    }

    private Optional<String> read(String keyId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select secret_enc from partner_key where id = ?")) {
            statement.setString(1, keyId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    if (LOG.isDebugEnabled()) {
                        LOG.debugf("Key %s cannot sign: unknown, or issued before signing secrets were kept", keyId);
                    }
                    return Optional.empty();
                }
                return Optional.of(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new KeyVerifier.KeyStoreUnavailableException(e);
        }
    }
}
