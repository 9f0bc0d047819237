/**
 * The RDEX 1.0 grammar as Jakarta XML Binding classes: the only description of the XML shape, used by the
 * export (marshalled journey by journey onto a validating Woodstox writer) and by the import (one
 * {@code <journey>} unmarshalled at a time from a secured Woodstox reader).
 *
 * <p>Every value is kept as text: the writer formats values itself (decimals, rounding, privacy), and the
 * reader turns partner text into typed values with per-journey rejection reasons instead of failing the
 * whole file. Element order follows {@code dtd/rdex-1.0.dtd}; the extension elements (kilometers, minutes,
 * image, cost, vehicle) are null unless the operator opted into them, so the default file validates
 * against the specification's own DTD.
 */
@XmlAccessorType(XmlAccessType.FIELD)
package org.rdex.server.rdex.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
