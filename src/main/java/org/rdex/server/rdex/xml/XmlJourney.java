package org.rdex.server.rdex.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code <journey>}, in the DTD's element order. Null fields are not written. */
@XmlRootElement(name = "journey")
@XmlType(propOrder = { "operator", "site", "uuid", "from", "to", "kilometers", "minutes", "route", "url", "name",
        "image", "cost", "vehicle", "driver", "passenger", "seats", "activefrom", "activeto", "details", "regular",
        "punctual" })
public class XmlJourney {

    public String operator;
    public String site;
    public String uuid;
    public XmlPlace from;
    public XmlPlace to;
    /** Extension. */
    public String kilometers;
    /** Extension. */
    public String minutes;
    public String route;
    public String url;
    public String name;
    /** Extension. */
    public String image;
    /** Extension. */
    public String cost;
    /** Extension. */
    public XmlVehicle vehicle;
    /** {@code 1} or {@code 0}. */
    public String driver;
    /** {@code 1} or {@code 0}. */
    public String passenger;
    public String seats;
    @XmlElement(name = "activefrom")
    public String activefrom;
    @XmlElement(name = "activeto")
    public String activeto;
    public String details;
    public XmlRegular regular;
    public XmlPunctual punctual;
}
