package org.rdex.server.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.rdex.server.partner.ImportReport;
import org.rdex.server.live.LivePartner;
import org.rdex.server.partner.Partner;

import io.quarkus.qute.TemplateData;

/** A partner as the console shows it: never the key it issued to us, only whether we hold one. */
@TemplateData
public record PartnerRow(String name, String operator, String feedUrl, String protocol, List<String> sites,
        String contactUrl, List<String> pins, boolean hasKey, ImportReport lastImport) {

    static PartnerRow of(Partner p, ImportReport last, Optional<LivePartner> live) {
        return new PartnerRow(p.name, p.operator, p.feedUrl, protocols(p.feedUrl != null, live),
                p.sites == null ? List.of() : List.of(p.sites), p.contactUrl, p.pins(), p.hasOutboundKey(), last);
    }

    /** What we exchange with the partner: its file, the live APIs we can call, and how contacts go. */
    static String protocols(boolean hasFeed, Optional<LivePartner> live) {
        List<String> parts = new ArrayList<>();
        if (hasFeed) {
            parts.add("RDEX 1.0 file");
        }
        live.filter(LivePartner::speaksRdex12).ifPresent(l -> parts.add("RDEX 1.2"));
        live.filter(LivePartner::speaksStandard).ifPresent(l -> parts.add("standard-covoiturage"));
        String text = parts.isEmpty() ? "-" : String.join(", ", parts);
        return live.map(LivePartner::contactVia)
                .map(via -> switch (via) {
                    case RDEX10 -> text;
                    case RDEX12 -> text + "; contacts over RDEX 1.2";
                    case STANDARD -> text + "; contacts over standard-covoiturage";
                }).orElse(text);
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
