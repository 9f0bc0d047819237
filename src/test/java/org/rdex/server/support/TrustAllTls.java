package org.rdex.server.support;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for tests that talk to loopback servers with self-signed certificates made for the test: trusts any
 * certificate and checks no host name. Never for anything but loopback.
 */
public final class TrustAllTls {

    private TrustAllTls() {
    }

    public static SSLContext context() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { new X509ExtendedTrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        } }, null);
        return context;
    }
}
