package org.rdex.server.protocol;

import java.net.InetAddress;
import java.util.List;

/**
 * Where a request comes from, once the trusted proxies are taken into account. A port: the contact feature,
 * which owns the trusted-proxy setting, implements it, so that every protocol reads addresses one way.
 */
public interface CallerAddresses {

    /** True when the request reached us over TLS, directly or through a trusted proxy that says so. */
    boolean secure(boolean socketSecure, InetAddress peer, List<String> forwardedProto);

    /**
     * The caller's address, from every {@code X-Forwarded-For} line of the request, in order.
     *
     * @throws org.rdex.server.common.ApiException 400 when an entry the trusted proxies wrote cannot be read
     */
    InetAddress resolve(InetAddress peer, List<String> forwardedFor);
}
