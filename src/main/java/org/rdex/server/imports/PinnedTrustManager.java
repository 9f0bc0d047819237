package org.rdex.server.imports;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.rdex.server.common.Secrets;

/**
 * Trusts exactly one certificate: the partner's, named by its SHA-256 fingerprint in the partner's
 * configuration. Being an {@link X509ExtendedTrustManager}, it replaces the JDK's checks entirely, host
 * name included: the pin identifies the server better than a name in a self-signed certificate would.
 * Used only for partners that have a pin; every other download keeps the JDK's normal checks.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {

    private final byte[] pin;

    PinnedTrustManager(byte[] sha256) {
        this.pin = sha256.clone();
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no server certificate");
        }
        byte[] actual;
        try {
            actual = Secrets.sha256(chain[0].getEncoded());
        } catch (CertificateEncodingException e) {
            throw new CertificateException("unreadable server certificate", e);
        }
        if (!MessageDigest.isEqual(actual, pin)) {
            throw new CertificateException("server certificate does not match the pinned SHA-256 fingerprint");
        }
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
        throw new CertificateException("client certificates are not accepted here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("client certificates are not accepted here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("client certificates are not accepted here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
