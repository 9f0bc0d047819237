package org.rdex.server.rdex.xml;

import jakarta.xml.bind.annotation.XmlType;

/** {@code <punctual>}: a date ({@code yyyy-MM-dd}) and a departure window ({@code HH:mm:ss}). */
@XmlType(propOrder = { "date", "minitime", "maxitime" })
public class XmlPunctual {

    public String date;
    public String minitime;
    public String maxitime;
}
