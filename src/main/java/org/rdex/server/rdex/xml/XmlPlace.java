package org.rdex.server.rdex.xml;

import jakarta.xml.bind.annotation.XmlType;

/** {@code <from>} and {@code <to>}. {@code coords} is {@code lat,lon}. */
@XmlType(propOrder = { "location", "insee", "postalcode", "address", "coords", "country" })
public class XmlPlace {

    public String location;
    public String insee;
    public String postalcode;
    public String address;
    public String coords;
    public String country;
}
