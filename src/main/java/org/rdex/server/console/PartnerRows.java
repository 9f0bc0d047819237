package org.rdex.server.console;

import org.rdex.server.live.PartnerProtocols;
import org.rdex.server.partner.ImportReportRepository;
import org.rdex.server.partner.Partner;
import org.rdex.server.protocol.PartnerProtocol;
import org.rdex.server.protocol.ProtocolRegistry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A partner with its last import and live protocols, as the partners' pages show it. */
@ApplicationScoped
public class PartnerRows {

    @Inject
    ImportReportRepository reports;
    @Inject
    PartnerProtocols protocols;
    @Inject
    ProtocolRegistry registry;

    public PartnerRow row(Partner p) {
        return PartnerRow.of(p, reports.last(p.id).orElse(null), protocols.byId(p.id),
                kind -> registry.find(kind).map(PartnerProtocol::title).orElse(kind));
    }
}
