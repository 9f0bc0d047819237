package org.rdex.server.tls;

import java.nio.file.Path;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.rdex.server.common.RuntimeSettings;
import org.rdex.server.db.DataDirectory;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** The certificate the HTTPS interface serves, and its fingerprint (logged at start for partners to pin). */
@ApplicationScoped
public class TlsCertificates {

    private static final Logger LOG = Logger.getLogger(TlsCertificates.class);

    @Inject
    RuntimeSettings runtime;
    @Inject
    TlsConfig config;
    @Inject
    DataDirectory dataDirectory;

    void logFingerprint(@Observes StartupEvent event) {
        if (!runtime.cli()) {
            LOG.infof("HTTPS certificate %s, SHA-256 fingerprint %s", certificate(), fingerprint());
        }
    }

    /** The PEM certificate in use: Quarkus's own setting if an operator set it, else ours. */
    public Path certificate() {
        return ConfigProvider.getConfig().getOptionalValue(TlsConfigSourceFactory.CERT_FILES, String.class)
                .map(files -> Path.of(files.split(",")[0].trim()))
                .orElseGet(() -> ServerCertificate.ensure(config.cert().map(Path::toString).orElse(null),
                        config.key().map(Path::toString).orElse(null), dataDirectory.resolve("tls"),
                        config.hostnames()).cert());
    }

    public String fingerprint() {
        return ServerCertificate.fingerprint(certificate());
    }
}
