package org.rdex.server.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The certificate of the public HTTPS interface (port {@code quarkus.http.ssl-port}, 8443). Read early by
 * {@link TlsConfigSourceFactory}, which hands the files to Quarkus's HTTP server.
 */
@ConfigMapping(prefix = "rdex.tls")
public interface TlsConfig {

    /** PEM certificate (chain) to serve. With {@link #key()}; when both are unset a self-signed one is generated. */
    Optional<Path> cert();

    /** PEM private key (PKCS#8 or PKCS#1) of {@link #cert()}. */
    Optional<Path> key();

    /**
     * Names and addresses written in the generated self-signed certificate (subject alternative names).
     * Partners pin the fingerprint, so these are informative; localhost and loopback are always included.
     */
    @WithDefault("localhost")
    List<String> hostnames();

    /** TLS implementation of the HTTPS server: {@code auto} uses OpenSSL where it loads (Linux x86-64). */
    @WithDefault("auto")
    TlsEngine.Kind engine();

    /**
     * {@code Strict-Transport-Security: max-age} of every HTTPS answer: browsers then use HTTPS alone for this
     * host so long. {@code PT0S} sends {@code max-age=0}, which makes them forget it.
     */
    @WithDefault("P365D")
    Duration hstsMaxAge();
}
