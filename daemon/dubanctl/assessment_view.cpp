#include "daemon/dubanctl/assessment_view.h"

#include <vector>

#include "daemon/dubanctl/table.h"
#include "reports/assessment_report.h"
#include "reports/report_labels.h"

namespace duban::ctl {
namespace {

// Columns from `headers`: the first `text_columns` left-aligned, numbers right-aligned.
Table MakeTable(const std::vector<std::string>& headers, size_t text_columns) {
  std::vector<Column> columns;
  for (size_t i = 0; i < headers.size(); ++i) {
    columns.push_back({headers[i], 0, i < text_columns ? Align::kLeft : Align::kRight, false});
  }
  return Table(std::move(columns));
}

}  // namespace

std::string RenderAssessmentTable(const Assessment& assessment, int width) {
  std::string out = AssessmentTitle(assessment) + "\n" + report::ScopeLine(assessment) +
                    "；按时率" + FormatRate(assessment.totals.rate()) +
                    report::TargetsClause(assessment.target_totals) + "\n\n";
  if (assessment.agencies.empty()) {
    out += "没有单位在此期间有应报事项。\n";
  } else {
    Table agencies = MakeTable(report::AgencyHeaders(), 2);
    for (const AgencyAssessment& agency : assessment.agencies) {
      agencies.AddRow(report::AgencyCells(agency));
    }
    out += agencies.Render(width);
  }
  if (!assessment.sections.empty()) {
    Table sections = MakeTable(report::SectionHeaders(), 1);
    for (const SectionAssessment& section : assessment.sections) {
      sections.AddRow(report::SectionCells(section));
    }
    sections.AddRow(report::TotalCells(assessment));
    out += "\n" + sections.Render(width);
  }
  if (!assessment.findings.empty()) {
    Table findings = MakeTable(report::FindingHeaders(), 7);
    for (const AssessmentFinding& finding : assessment.findings) {
      findings.AddRow(report::FindingCells(finding));
    }
    out += "\n逾期和未报明细：\n" + findings.Render(width);
  }
  if (!assessment.suspended.empty()) {
    out += "\n暂停中、不计入的任务：";
    for (size_t i = 0; i < assessment.suspended.size(); ++i) {
      out += (i > 0 ? "、" : "") + assessment.suspended[i].ref;
    }
    out += "\n";
  }
  return out;
}

}  // namespace duban::ctl
