package org.rdex.server.partner;

import java.util.List;

/**
 * A change to a partner ({@code partners update}, {@code PATCH /admin/partners/{name}}): a null field is
 * left as it is, an empty text clears an optional field. Its imported journeys, reports, keys and the key
 * it issued to us are kept.
 *
 * @param sites              replaces the sites (at least one)
 * @param tlsFingerprints    replaces every pin (one, or two during a rotation); an empty list removes them
 * @param addFingerprint     adds a pin beside the current one, for a certificate rotation
 * @param removeFingerprint  removes one pin, the old one once the partner has switched
 */
public record PartnerUpdate(String operator, String feedUrl, List<String> sites, String contactUrl,
        List<String> tlsFingerprints, String addFingerprint, String removeFingerprint) {
}
