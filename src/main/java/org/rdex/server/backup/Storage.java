package org.rdex.server.backup;

import java.io.PrintStream;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rdex.server.common.RuntimeSettings;
import org.rdex.server.db.EmbeddedDatabase;
import org.rdex.server.partner.Partner;
import org.rdex.server.partner.PartnerService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What the backup commands tell the operator about where they read and write, and whether the secrets work. */
@ApplicationScoped
public class Storage {

    @Inject
    RuntimeSettings runtime;
    @Inject
    PartnerService partners;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    Optional<String> jdbcUrl;
    @ConfigProperty(name = "rdex.secret-key")
    Optional<String> secretKey;

    /** The data directory and the database: a backup of the wrong server is the mistake to rule out first. */
    public void describe(PrintStream out) {
        out.println("Data directory: " + runtime.dataDirectory());
        EmbeddedDatabase.Status db = EmbeddedDatabase.status();
        switch (db.role()) {
            case OWNER -> out.println("Database: the embedded PostgreSQL in " + db.dataDirectory()
                    + " (no server runs on it)");
            case CLIENT -> out.println("Database: the embedded PostgreSQL of the server running on it, port " + db.port());
            // Without the query string, where a password may sit.
            default -> out.println("Database: " + jdbcUrl.map(u -> u.replaceFirst("\\?.*$", "")).orElse("(unknown)"));
        }
    }

    /** Whether every stored partner key decrypts with this server's secret key; says which do not. */
    public boolean checkStoredKeys(PrintStream out, boolean restoredKeyFile) {
        int stored = 0;
        int sealedElsewhere = 0;
        for (Partner partner : partners.list()) {
            if (!partner.hasOutboundKey()) {
                continue;
            }
            stored++;
            try {
                partners.outboundKey(partner);
            } catch (IllegalStateException e) {
                sealedElsewhere++;
                out.println("The key partner " + partner.name + " issued to us does not decrypt with this server's"
                        + " secret key");
            }
        }
        if (sealedElsewhere > 0) {
            boolean overridden = secretKey.filter(k -> !k.isBlank()).isPresent();
            out.println(sealedElsewhere + " of " + stored + " stored partner keys do not decrypt: "
                    + (restoredKeyFile && overridden
                            ? "RDEX_SECRET_KEY overrides the secret.key restored from the backup; unset it"
                            : "set RDEX_SECRET_KEY to the key of the server that took the backup")
                    + " (or store them again: partners set-key)");
            return false;
        }
        out.println("Stored partner keys: " + stored + ", all decrypt");
        return true;
    }
}
