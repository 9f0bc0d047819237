package org.rdex.server.export;

import java.net.InetAddress;

/**
 * Decides who may download the RDEX file when {@code rdex.export.access=partners}: a partner key presented
 * from one of its allowed addresses. Implemented by the key feature; without an implementation the
 * restricted file is refused to everybody (fail closed).
 */
public interface FeedAccess {

    boolean allowed(String key, InetAddress caller);
}
