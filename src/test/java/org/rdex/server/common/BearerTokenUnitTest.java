package org.rdex.server.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BearerTokenUnitTest {

    private static final Optional<String> SECRET = Optional.of("s3cret-token");

    @Test
    void accepts_the_configured_token_whatever_the_scheme_case() {
        assertTrue(BearerToken.from(List.of("Bearer s3cret-token")).matches(SECRET));
        assertTrue(BearerToken.from(List.of("bearer s3cret-token")).matches(SECRET));
        assertTrue(BearerToken.from(List.of("BEARER   s3cret-token  ")).matches(SECRET));
    }

    @Test
    void refuses_another_token() {
        BearerToken token = BearerToken.from(List.of("Bearer s3cret-tokeN"));
        assertTrue(token.presented());
        assertFalse(token.matches(SECRET));
    }

    @Test
    void no_header_is_no_credential() {
        assertFalse(BearerToken.from(null).presented());
        assertFalse(BearerToken.from(List.of()).presented());
        assertFalse(BearerToken.from(List.of()).matches(SECRET));
    }

    @Test
    void another_scheme_is_no_bearer_credential() {
        BearerToken basic = BearerToken.from(List.of("Basic czNjcmV0LXRva2Vu"));
        assertFalse(basic.presented());
        assertEquals(Optional.empty(), basic.token());
        assertFalse(BearerToken.from(List.of("Bearers3cret-token")).presented());
        assertFalse(BearerToken.from(List.of("Bearer")).matches(SECRET));
    }

    @Test
    void a_scheme_without_token_is_no_credential() {
        BearerToken blank = BearerToken.from(List.of("Bearer   "));
        assertFalse(blank.presented());
        assertEquals(Optional.empty(), blank.token());
        assertFalse(blank.matches(Optional.of("")));
        assertFalse(blank.matches(SECRET));
    }

    @Test
    void two_different_authorization_lines_are_refused_even_if_one_is_right() {
        for (List<String> lines : List.of(List.of("Bearer s3cret-token", "Bearer other"),
                List.of("Bearer other", "Bearer s3cret-token"), List.of("Bearer s3cret-token", "Basic eA=="))) {
            BearerToken token = BearerToken.from(lines);
            assertTrue(token.presented(), lines.toString());
            assertTrue(token.ambiguous(), lines.toString());
            assertEquals(Optional.empty(), token.token());
            assertFalse(token.matches(SECRET), lines.toString());
        }
    }

    @Test
    void the_same_line_repeated_is_not_ambiguous() {
        BearerToken token = BearerToken.from(List.of("Bearer s3cret-token", "Bearer s3cret-token"));
        assertFalse(token.ambiguous());
        assertTrue(token.matches(SECRET));
    }

    @Test
    void an_unset_or_blank_secret_opens_nothing() {
        BearerToken token = BearerToken.from(List.of("Bearer s3cret-token"));
        assertFalse(token.matches(Optional.empty()));
        assertFalse(token.matches(Optional.of("  ")));
    }

    @Test
    void a_null_line_counts_as_an_empty_value() {
        assertTrue(BearerToken.from(Arrays.asList("Bearer s3cret-token", null)).ambiguous());
    }
}
