package org.rdex.server.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;

class TlsEngineUnitTest {

    @Test
    void openssl_serves_https_when_its_native_library_loads() {
        // The build ships BoringSSL for this platform: auto must find and use it.
        assertTrue(OpenSSLEngineOptions.isAvailable(), "netty-tcnative loads on the build machine");
        HttpServerOptions options = new HttpServerOptions();
        engine(TlsEngine.Kind.AUTO).customizeHttpsServer(options);
        assertInstanceOf(OpenSSLEngineOptions.class, options.getSslEngineOptions());
    }

    @Test
    void jdk_engine_leaves_the_options_alone() {
        HttpServerOptions options = new HttpServerOptions();
        engine(TlsEngine.Kind.JDK).customizeHttpsServer(options);
        assertNull(options.getSslEngineOptions());
        assertFalse(options.isSsl(), "the customizer only picks the engine");
    }

    private static TlsEngine engine(TlsEngine.Kind kind) {
        TlsEngine engine = new TlsEngine();
        engine.config = new TlsConfig() {
            @Override
            public Optional<Path> cert() {
                return Optional.empty();
            }

            @Override
            public Optional<Path> key() {
                return Optional.empty();
            }

            @Override
            public List<String> hostnames() {
                return List.of("localhost");
            }

            @Override
            public TlsEngine.Kind engine() {
                return kind;
            }

            @Override
            public java.time.Duration hstsMaxAge() {
                return java.time.Duration.ZERO;
            }
        };
        return engine;
    }
}
