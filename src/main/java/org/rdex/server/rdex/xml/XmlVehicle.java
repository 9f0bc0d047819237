package org.rdex.server.rdex.xml;

import jakarta.xml.bind.annotation.XmlType;

/** {@code <vehicle>}, an extension of our DTD. */
@XmlType(propOrder = { "model", "colour" })
public class XmlVehicle {

    public String model;
    public String colour;
}
