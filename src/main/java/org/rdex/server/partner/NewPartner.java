package org.rdex.server.partner;

import java.util.List;

/**
 * A partner as an administrator describes it (CLI {@code partners add}, admin API
 * {@code POST /admin/partners}). Only {@code name} and {@code operator} are required.
 *
 * @param tlsFingerprint SHA-256 of the partner's (self-signed) certificate, hex, colons allowed
 */
public record NewPartner(String name, String operator, String feedUrl, List<String> sites, String contactUrl,
        String tlsFingerprint) {
}
