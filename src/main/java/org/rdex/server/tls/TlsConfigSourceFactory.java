package org.rdex.server.tls;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.rdex.server.common.RuntimeSettings;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Hands the HTTPS certificate to Quarkus's HTTP server: {@code quarkus.http.ssl.certificate.files} and
 * {@code key-files} point at the configured PEM pair, or at a self-signed pair generated in the data
 * directory the first time the server asks for them (lazily: building the application, or running a
 * CLI command that opens no port, generates nothing). Low ordinal: an explicit Quarkus setting wins.
 */
public class TlsConfigSourceFactory implements ConfigSourceFactory {

    static final String CERT_FILES = "quarkus.http.ssl.certificate.files";
    static final String KEY_FILES = "quarkus.http.ssl.certificate.key-files";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String cert = value(context, "rdex.tls.cert");
        String key = value(context, "rdex.tls.key");
        String dataDir = value(context, "rdex.data-dir");
        String hostnames = value(context, "rdex.tls.hostnames");
        // A config source factory runs while the configuration is built: no CDI bean exists yet.
        Path dir = (dataDir == null || dataDir.isBlank() ? RuntimeSettings.dataDirectoryBeforeConfig()
                : Path.of(dataDir).toAbsolutePath().normalize()).resolve("tls");
        List<String> names = hostnames == null ? List.of() : Arrays.asList(hostnames.split(","));
        return List.of(new Source(cert, key, dir, names));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    static final class Source implements ConfigSource {
        private final String cert;
        private final String key;
        private final Path dir;
        private final List<String> hostnames;

        Source(String cert, String key, Path dir, List<String> hostnames) {
            this.cert = cert;
            this.key = key;
            this.dir = dir;
            this.hostnames = hostnames;
        }

        @Override
        public Set<String> getPropertyNames() {
            // Not listed: tools that enumerate properties would otherwise generate a certificate.
            return Set.of();
        }

        @Override
        public String getValue(String propertyName) {
            if (CERT_FILES.equals(propertyName)) {
                return ServerCertificate.ensure(cert, key, dir, hostnames).cert().toString();
            }
            if (KEY_FILES.equals(propertyName)) {
                return ServerCertificate.ensure(cert, key, dir, hostnames).key().toString();
            }
            return null;
        }

        @Override
        public String getName() {
            return "rdex-tls-certificate";
        }

        @Override
        public int getOrdinal() {
            return 50;
        }
    }
}
