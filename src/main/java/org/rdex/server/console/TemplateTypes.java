package org.rdex.server.console;

import org.rdex.server.protocol.CheckResult;
import org.rdex.server.check.CheckReport;
import org.rdex.server.common.FieldError;
import org.rdex.server.contact.RelayQueue;
import org.rdex.server.export.ExportRuns;
import org.rdex.server.export.ExportStore;
import org.rdex.server.key.KeyService;
import org.rdex.server.partner.ImportReport;

import io.quarkus.qute.TemplateData;

/**
 * The other features' types the pages render, declared once: Qute refuses a type declared by two classes, and
 * the features stay free of template annotations.
 */
@TemplateData(target = FieldError.class)
@TemplateData(target = CheckReport.class)
@TemplateData(target = CheckResult.class)
@TemplateData(target = ExportStore.Published.class)
@TemplateData(target = ExportRuns.Run.class)
@TemplateData(target = ExportRuns.Next.class)
@TemplateData(target = ImportReport.class)
@TemplateData(target = KeyService.KeyView.class)
@TemplateData(target = KeyService.Issued.class)
@TemplateData(target = RelayQueue.Pending.class)
@TemplateData(target = RelayQueue.Failed.class)
@TemplateData(target = RelayQueue.Delivered.class)
@TemplateData(target = org.rdex.server.overview.OverviewCharts.Section.class)
@TemplateData(target = org.rdex.server.overview.OverviewCharts.Chart.class)
@TemplateData(target = org.rdex.server.overview.OverviewCharts.KeyUse.class)
@TemplateData(target = org.rdex.server.history.HistoryStore.KeyRefusals.class)
@TemplateData(target = org.rdex.server.audit.AuditEntry.class)
final class TemplateTypes {

    private TemplateTypes() {
    }
}
