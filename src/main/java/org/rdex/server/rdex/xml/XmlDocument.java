package org.rdex.server.rdex.xml;

import java.util.ArrayList;
import java.util.List;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * {@code <document>}: a title and the journeys. Exports and imports stream the journeys one at a time and
 * never hold a whole document; this class describes the root for tests and small files.
 */
@XmlRootElement(name = "document")
@XmlType(propOrder = { "title", "journeys" })
public class XmlDocument {

    public String title;
    @XmlElement(name = "journey")
    public List<XmlJourney> journeys = new ArrayList<>();
}
