package org.rdex.server.rdex.xml;

import jakarta.xml.bind.annotation.XmlType;

/** {@code <regular>}: one optional element per weekday, Monday first. */
@XmlType(propOrder = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" })
public class XmlRegular {

    public XmlDay monday;
    public XmlDay tuesday;
    public XmlDay wednesday;
    public XmlDay thursday;
    public XmlDay friday;
    public XmlDay saturday;
    public XmlDay sunday;

    /** The day of ISO number 1 (Monday) to 7 (Sunday). */
    public XmlDay day(int isoDay) {
        return switch (isoDay) {
            case 1 -> monday;
            case 2 -> tuesday;
            case 3 -> wednesday;
            case 4 -> thursday;
            case 5 -> friday;
            case 6 -> saturday;
            case 7 -> sunday;
            default -> throw new IllegalArgumentException("ISO day " + isoDay);
        };
    }

    /** Sets the day of ISO number 1 (Monday) to 7 (Sunday). */
    public void day(int isoDay, XmlDay value) {
        switch (isoDay) {
            case 1 -> monday = value;
            case 2 -> tuesday = value;
            case 3 -> wednesday = value;
            case 4 -> thursday = value;
            case 5 -> friday = value;
            case 6 -> saturday = value;
            case 7 -> sunday = value;
            default -> throw new IllegalArgumentException("ISO day " + isoDay);
        }
    }
}
