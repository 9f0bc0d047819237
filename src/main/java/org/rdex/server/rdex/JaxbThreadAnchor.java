package org.rdex.server.rdex;

import org.glassfish.jaxb.runtime.v2.runtime.Coordinator;

import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;

/**
 * Keeps a JAXB runtime coordinator on the reading thread for the whole document. The JAXB runtime pushes
 * its coordinator into a thread-local for each start tag, text and end tag and pops it after; with none
 * underneath, each pop removes the thread-local entry and the next push re-creates it, which cost more
 * than the binding itself (a quarter of the reading time). With this one underneath, a pop only sets the
 * entry back. It takes no part in the unmarshalling: JAXB uses its own coordinator.
 */
final class JaxbThreadAnchor extends Coordinator implements AutoCloseable {

    JaxbThreadAnchor() {
        pushCoordinator();
    }

    @Override
    public void close() {
        popCoordinator();
    }

    @Override
    protected ValidationEventLocator getLocation() {
        return null;
    }

    @Override
    public boolean handleEvent(ValidationEvent event) {
        return true;
    }
}
