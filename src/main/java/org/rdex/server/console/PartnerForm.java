package org.rdex.server.console;

import io.quarkus.qute.TemplateData;
import io.vertx.ext.web.RoutingContext;

/** The add-a-partner form as typed, shown again after an error so that nothing has to be typed twice. */
@TemplateData
public record PartnerForm(String name, String operator, String feedUrl, String sites, String contactUrl,
        String fingerprint) {

    static final PartnerForm EMPTY = new PartnerForm("", "", "", "", "", "");

    static PartnerForm of(RoutingContext rc) {
        return new PartnerForm(field(rc, "name"), field(rc, "operator"), field(rc, "feedUrl"), field(rc, "sites"),
                field(rc, "contactUrl"), field(rc, "fingerprint"));
    }

    private static String field(RoutingContext rc, String name) {
        String value = ConsoleView.form(rc, name);
        return value == null ? "" : value;
    }
}
