package org.rdex.server.common;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one reading of {@code Authorization: Bearer <token>} (RFC 6750) for every API that takes a bearer
 * credential: the admin API, the platform API and the partners' RDEX file.
 *
 * <p>Every line of the header is read: a request carrying two different {@code Authorization} values is
 * ambiguous (a proxy may have added one, or a client tries its luck with several) and is refused as a whole,
 * never resolved by picking the first or the last. A value with another scheme (Basic, ...) is no bearer
 * credential. Fails closed: {@link #matches} is false unless exactly one token was presented and a non-blank
 * expected value is configured.
 */
public final class BearerToken {

    private static final String SCHEME = "bearer";
    private static final BearerToken ABSENT = new BearerToken(State.ABSENT, null);
    private static final BearerToken AMBIGUOUS = new BearerToken(State.AMBIGUOUS, null);

    private enum State {
        ABSENT, PRESENT, AMBIGUOUS
    }

    private final State state;
    private final String token;

    private BearerToken(State state, String token) {
        this.state = state;
        this.token = token;
    }

    /**
     * Reads the {@code Authorization} header from all its lines ({@code null} or empty: no header). Repeating
     * the very same value is harmless; two different values are ambiguous.
     */
    public static BearerToken from(List<String> authorizationValues) {
        if (authorizationValues == null || authorizationValues.isEmpty()) {
            return ABSENT;
        }
        String first = authorizationValues.get(0) == null ? "" : authorizationValues.get(0).strip();
        for (String value : authorizationValues) {
            if (!first.equals(value == null ? "" : value.strip())) {
                return AMBIGUOUS;
            }
        }
        int space = first.indexOf(' ');
        if (space < 0 || !first.substring(0, space).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return ABSENT;
        }
        return new BearerToken(State.PRESENT, first.substring(space + 1).strip());
    }

    /** Whether the request carried a bearer credential, or several {@code Authorization} values. */
    public boolean presented() {
        return state != State.ABSENT;
    }

    /** Whether the request carried two different {@code Authorization} values. */
    public boolean ambiguous() {
        return state == State.AMBIGUOUS;
    }

    /** The one token presented (possibly blank); empty when none was, or when the header is ambiguous. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /**
     * Whether the one token presented equals {@code expected}, compared in constant time. False when no
     * token, an ambiguous header, or no (or a blank) expected value: an unset secret opens nothing.
     */
    public boolean matches(Optional<String> expected) {
        return token != null && expected.filter(e -> !e.isBlank())
                .map(e -> Secrets.constantTimeEquals(token, e)).orElse(false);
    }
}
