package org.rdex.server.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.rdex.server.partner.ImportReport;
import org.rdex.server.live.LivePartner;
import org.rdex.server.partner.Partner;
import org.rdex.server.protocol.PartnerProtocol;

import io.quarkus.qute.TemplateData;

/** A partner as the console shows it: never the key it issued to us, only whether we hold one. */
@TemplateData
public record PartnerRow(String name, String operator, String feedUrl, String protocol, List<String> sites,
        String contactUrl, List<String> pins, boolean hasKey, ImportReport lastImport) {

    static PartnerRow of(Partner p, ImportReport last, Optional<LivePartner> live, Function<String, String> titles) {
        return new PartnerRow(p.name, p.operator, p.feedUrl, protocols(p.feedUrl != null, live, titles),
                p.sites == null ? List.of() : List.of(p.sites), p.contactUrl, p.pins(), p.hasOutboundKey(), last);
    }

    /**
     * What we exchange with the partner: its file, the live APIs we can call (each protocol's title, by
     * {@code titles} from its kind), and how contacts go (nothing said for RDEX 1.0, the default).
     */
    static String protocols(boolean hasFeed, Optional<LivePartner> live, Function<String, String> titles) {
        List<String> parts = new ArrayList<>();
        if (hasFeed) {
            parts.add("RDEX 1.0 file");
        }
        live.ifPresent(l -> l.endpoints().forEach(e -> parts.add(titles.apply(e.kind()))));
        String text = parts.isEmpty() ? "-" : String.join(", ", parts);
        return live.map(LivePartner::contactKind).filter(kind -> !kind.equals(PartnerProtocol.RDEX10))
                .map(kind -> text + "; contacts over " + titles.apply(kind)).orElse(text);
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
