package org.rdex.server.audit;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** One audited change; {@code before} and {@code after} are redacted JSON, null when there is none. */
public record AuditEntry(long id, Instant at, String actor, String action, String partner, String subject,
        JsonNode before, JsonNode after) {
}
