package org.rdex.server.console;

import org.rdex.server.live.PartnerProtocols;
import org.rdex.server.partner.ImportReportRepository;
import org.rdex.server.partner.Partner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A partner with its last import and live protocols, as the partners' pages show it. */
@ApplicationScoped
public class PartnerRows {

    @Inject
    ImportReportRepository reports;
    @Inject
    PartnerProtocols protocols;

    public PartnerRow row(Partner p) {
        return PartnerRow.of(p, reports.last(p.id).orElse(null), protocols.byId(p.id));
    }
}
