package org.rdex.server.rdex.xml;

import jakarta.xml.bind.annotation.XmlType;

/** One weekday of {@code <regular>}: a departure window, a return window, either optional ({@code HH:mm:ss}). */
@XmlType(propOrder = { "depminitime", "depmaxitime", "retminitime", "retmaxitime" })
public class XmlDay {

    public String depminitime;
    public String depmaxitime;
    public String retminitime;
    public String retmaxitime;
}
