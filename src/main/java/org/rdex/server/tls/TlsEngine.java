package org.rdex.server.tls;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Chooses the TLS implementation of the HTTPS server ({@code rdex.tls.engine}). Every contact request is
 * a TLS record to decrypt and one to encrypt; BoringSSL (netty-tcnative) does that for less CPU than the
 * JDK's engine, which leaves more of a small machine to the contact API itself.
 */
@ApplicationScoped
public class TlsEngine implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(TlsEngine.class);

    /** Which TLS implementation serves HTTPS. */
    public enum Kind {
        /** OpenSSL (BoringSSL) when its native library loads on this platform, else the JDK's. */
        AUTO,
        /** The JDK's own engine. */
        JDK,
        /** OpenSSL (BoringSSL); the server does not start when it cannot load. */
        OPENSSL
    }

    @Inject
    TlsConfig config;

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        Kind kind = config.engine();
        if (kind == Kind.JDK) {
            return;
        }
        if (OpenSSLEngineOptions.isAvailable()) {
            options.setSslEngineOptions(new OpenSSLEngineOptions());
            LOG.debug("HTTPS served with OpenSSL (BoringSSL)");
        } else if (kind == Kind.OPENSSL) {
            throw new IllegalStateException("rdex.tls.engine=openssl but OpenSSL cannot be loaded here: "
                    + io.netty.handler.ssl.OpenSsl.unavailabilityCause());
        } else {
            LOG.info("OpenSSL is not available on this platform; HTTPS is served by the JDK's TLS");
        }
    }
}
