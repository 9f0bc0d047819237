package org.rdex.server.console;

import io.quarkus.qute.TemplateData;
import io.vertx.ext.web.RoutingContext;

/** The partner's edit form: its stored values, or what was typed when the save was refused. */
@TemplateData
public record PartnerEditForm(String operator, String feedUrl, String sites, String contactUrl, String pins) {

    static PartnerEditForm of(PartnerRow p) {
        return new PartnerEditForm(p.operator(), p.feedUrl() == null ? "" : p.feedUrl(), p.sitesText(),
                p.contactUrl() == null ? "" : p.contactUrl(), p.pinsText());
    }

    static PartnerEditForm typed(RoutingContext rc) {
        return new PartnerEditForm(text(rc, "operator"), text(rc, "feedUrl"), text(rc, "sites"), text(rc, "contactUrl"),
                text(rc, "pins"));
    }

    static String text(RoutingContext rc, String name) {
        String value = ConsoleView.form(rc, name);
        return value == null ? "" : value;
    }
}
