package org.rdex.server.contact;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.rdex.server.tls.ServerCertificate;

/**
 * TLS that trusts exactly one certificate, named by its SHA-256 fingerprint: how we call a partner with a
 * self-signed certificate. The pin replaces both the CA chain and the host name check (a self-signed
 * certificate names whatever its operator typed), and is stronger than either.
 */
final class PinnedTls {

    private PinnedTls() {
    }

    static SSLContext context(String fingerprint) {
        String expected = ServerCertificate.normalizeFingerprint(fingerprint);
        if (expected.length() != 64) {
            throw new IllegalArgumentException("A SHA-256 fingerprint has 32 bytes");
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new Pinned(expected) }, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Pinned extends X509ExtendedTrustManager {
        private final String expected;

        Pinned(String expected) {
            this.expected = expected;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("No server certificate");
            }
            String actual;
            try {
                actual = ServerCertificate.normalizeFingerprint(ServerCertificate.fingerprint(chain[0].getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new CertificateException("Unreadable server certificate");
            }
            if (!java.security.MessageDigest.isEqual(actual.getBytes(), expected.getBytes())) {
                throw new CertificateException("Server certificate does not match the pinned fingerprint");
            }
            chain[0].checkValidity();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("Client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("Client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("Client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
