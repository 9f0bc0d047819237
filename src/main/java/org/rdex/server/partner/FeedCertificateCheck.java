package org.rdex.server.partner;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jboss.logging.Logger;
import org.rdex.server.tls.ServerCertificate;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * When a partner is added with an HTTPS feed and no pin, looks at the certificate its server presents: if the
 * JDK would not trust it (self-signed, expired, another host name), the first import would fail with a TLS
 * error, so the operator is warned at once, with the fingerprint to check with the partner and pin.
 */
@ApplicationScoped
public class FeedCertificateCheck {

    private static final Logger LOG = Logger.getLogger(FeedCertificateCheck.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A warning for the operator, or empty when the feed is not HTTPS, is pinned, or its certificate validates. */
    public Optional<String> warning(Partner partner) {
        if (partner.feedUrl == null || !partner.pins().isEmpty()) {
            return Optional.empty();
        }
        URI uri = URI.create(partner.feedUrl);
        if (!"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        Recorder recorder;
        try {
            recorder = new Recorder();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { recorder }, null);
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
                plain.setSoTimeout((int) TIMEOUT.toMillis());
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    socket.setSSLParameters(parameters);
                    socket.startHandshake();
                }
            }
        } catch (Exception e) {
            LOG.debugf("Could not check the certificate of %s: %s", host, e.toString());
            return Optional.of("Could not check the HTTPS certificate of " + host + ":" + port
                    + " (unreachable now). If it is self-signed, pin it: partners update " + partner.name
                    + " --fingerprint SHA256");
        }
        if (recorder.problem == null) {
            return Optional.empty();
        }
        String fingerprint;
        try {
            fingerprint = recorder.certificate == null ? "(none)"
                    : ServerCertificate.fingerprint(recorder.certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            fingerprint = "(unreadable)";
        }
        return Optional.of("The HTTPS certificate of " + host + ":" + port + " does not validate ("
                + recorder.problem + "), so imports will fail. Its SHA-256 fingerprint is " + fingerprint
                + ": check it with the partner, then pin it: partners update " + partner.name
                + " --fingerprint " + fingerprint);
    }

    /** Records the server's certificate and whether the JDK's checks accept it, and lets the handshake end. */
    private static final class Recorder extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager jdk;
        volatile X509Certificate certificate;
        volatile String problem;

        Recorder() throws Exception {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            X509ExtendedTrustManager found = null;
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    found = x;
                }
            }
            jdk = found;
        }

        private void record(X509Certificate[] chain, CheckedRun check) {
            certificate = chain == null || chain.length == 0 ? null : chain[0];
            try {
                check.run();
            } catch (CertificateException e) {
                problem = e.getMessage() == null ? "certificate refused" : e.getMessage();
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            record(chain, () -> jdk.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            record(chain, () -> jdk.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            record(chain, () -> jdk.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return jdk.getAcceptedIssuers();
        }
    }

    private interface CheckedRun {
        void run() throws CertificateException;
    }
}
