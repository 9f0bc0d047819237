package org.rdex.server.key;

import java.net.InetAddress;

import org.rdex.server.export.FeedAccess;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code rdex.export.access=partners}: the file goes to a partner presenting a valid key from an allowed address. */
@ApplicationScoped
public class KeyFeedAccess implements FeedAccess {

    @Inject
    KeyVerifier verifier;

    @Override
    public boolean allowed(String key, InetAddress caller) {
        try {
            return verifier.verify(key, caller).caller().isPresent();
        } catch (KeyVerifier.KeyStoreUnavailableException e) {
            return false;
        }
    }
}
