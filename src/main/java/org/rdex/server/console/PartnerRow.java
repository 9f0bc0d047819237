package org.rdex.server.console;

import java.util.List;

import org.rdex.server.partner.ImportReport;
import org.rdex.server.key.KeyService;
import org.rdex.server.partner.Partner;

import io.quarkus.qute.TemplateData;

/** A partner as the console shows it: never the key it issued to us, only whether we hold one. */
@TemplateData
@TemplateData(target = ImportReport.class)
@TemplateData(target = KeyService.KeyView.class)
public record PartnerRow(String name, String operator, String feedUrl, String protocol, List<String> sites,
        String contactUrl, List<String> pins, boolean hasKey, ImportReport lastImport) {

    static PartnerRow of(Partner p, ImportReport last) {
        return new PartnerRow(p.name, p.operator, p.feedUrl, "RDEX 1.0 file", p.sites == null ? List.of() : List.of(p.sites),
                p.contactUrl, p.pins(), p.hasOutboundKey(), last);
    }

    /** The first rejection reasons of the last import, as the partner page lists them. */
    public List<String> firstRejections() {
        return lastImport == null ? List.of() : lastImport.rejections().stream().limit(5).toList();
    }

    public String sitesText() {
        return String.join("\n", sites);
    }

    public String pinsText() {
        return String.join("\n", pins);
    }
}
