package org.rdex.server.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.rdex.server.common.Secrets;

/**
 * Trusts exactly one certificate: a partner's, named by its SHA-256 fingerprint in the partner's
 * configuration; used to download its file and to call its contact API. Being an
 * {@link X509ExtendedTrustManager}, it replaces the JDK's checks entirely, host name and expiry included:
 * the pin identifies the server better than a name in a self-signed certificate would. Only for partners
 * that have a pin; every other connection keeps the JDK's normal checks.
 */
public final class PinnedTls extends X509ExtendedTrustManager {

    private final byte[] pin;

    private PinnedTls(byte[] sha256) {
        this.pin = sha256.clone();
    }

    /** A TLS context trusting only the certificate with this fingerprint (hex, any case, colons allowed). */
    public static SSLContext context(String fingerprint) {
        String hex = ServerCertificate.normalizeFingerprint(fingerprint);
        if (hex.length() != 64) {
            throw new IllegalArgumentException("A SHA-256 fingerprint has 32 bytes");
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new PinnedTls(HexFormat.of().parseHex(hex)) }, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create a TLS context", e);
        }
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
