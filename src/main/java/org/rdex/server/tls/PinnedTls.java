package org.rdex.server.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.rdex.server.common.Secrets;

/**
 * Trusts exactly the certificates a partner's configuration names by SHA-256 fingerprint (one, or two while
 * the partner rotates its certificate); used to download its file and to call its contact API. Being an
 * {@link X509ExtendedTrustManager}, it replaces the JDK's checks entirely, host name and expiry included:
 * the pin identifies the server better than a name in a self-signed certificate would. Only for partners
 * that have a pin; every other connection keeps the JDK's normal checks.
 */
public final class PinnedTls extends X509ExtendedTrustManager {

    private final List<byte[]> pins;

    private PinnedTls(List<byte[]> pins) {
        this.pins = List.copyOf(pins);
    }

    /**
     * A TLS context trusting only the certificates with these fingerprints: one or more, separated by commas
     * (hex, any case, colons allowed; separators may also be dropped altogether, 64 hex digits each).
     */
    public static SSLContext context(String fingerprints) {
        List<byte[]> pins = new ArrayList<>();
        for (String part : fingerprints.split(",")) {
            String hex = ServerCertificate.normalizeFingerprint(part);
            if (hex.isEmpty() || hex.length() % 64 != 0) {
                throw new IllegalArgumentException("A SHA-256 fingerprint has 32 bytes");
            }
            for (int i = 0; i < hex.length(); i += 64) {
                pins.add(HexFormat.of().parseHex(hex, i, i + 64));
            }
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new PinnedTls(pins) }, null);
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
        boolean pinned = false;
        for (byte[] pin : pins) {
            // Every pin is compared, so the time taken does not tell which one matched.
            pinned |= MessageDigest.isEqual(actual, pin);
        }
        if (!pinned) {
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
