package org.rdex.server.console;

import java.util.List;

import io.quarkus.qute.TemplateData;

/**
 * What every page's layout shows around the page: the top bar (operator, navigation, sign-out form with the
 * session's CSRF token), the notice of the last action and the page's error; and {@code fmt}, how values print.
 */
@TemplateData
public record Chrome(String csrf, String page, String operator, String notice, String error, List<Nav> nav,
        Readable fmt) {

    public Chrome withError(String error) {
        return new Chrome(csrf, page, operator, notice, error, nav, fmt);
    }
}
