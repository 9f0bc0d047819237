package org.rdex.server.key;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rdex.server.common.ApiException;

/** The outcome of checking a presented key: the partner it belongs to, or why it is refused. */
public record KeyCheck(Optional<Caller> caller, Optional<Refusal> refusal) {

    /** The partner behind an accepted key. */
    public record Caller(String keyId, long partnerId, String partnerName, List<String> sites) {
    }

    /** Why a key is refused, with the HTTP status and RDEX error name to answer. */
    public enum Refusal {
        MISSING(401, "access_denied", "A key is required"),
        UNKNOWN(401, "access_denied", "Unknown key"),
        WRONG_IP(403, "insufficient_permissions", "This key is not valid from this address"),
        REVOKED(403, "insufficient_permissions", "This key has been revoked"),
        EXPIRED(403, "insufficient_permissions", "This key has expired");

        public final int status;
        public final String rdexName;
        public final String message;

        Refusal(int status, String rdexName, String message) {
            this.status = status;
            this.rdexName = rdexName;
            this.message = message;
        }

        public ApiException toApiException() {
            Map<String, String> headers = status == 401 ? Map.of("WWW-Authenticate", "RDEX-Key") : Map.of();
            return new ApiException(status, rdexName, message, List.of(), headers);
        }
    }

    public static KeyCheck accepted(Caller caller) {
        return new KeyCheck(Optional.of(caller), Optional.empty());
    }

    public static KeyCheck refused(Refusal refusal) {
        return new KeyCheck(Optional.empty(), Optional.of(refusal));
    }

    /** The caller, or the refusal as an {@link ApiException}. */
    public Caller orThrow() {
        return caller.orElseThrow(() -> refusal.orElseThrow().toApiException());
    }
}
