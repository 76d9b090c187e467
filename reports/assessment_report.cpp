// AssessmentTitle, RenderAssessmentCsv and RenderAssessmentText; the Markdown and HTML
// renderers have their own files.
#include "reports/assessment_report.h"

#include "reports/report_labels.h"
#include "workflow/csv_table.h"

namespace duban {
namespace {

void AppendCsvRow(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    AppendCsvField(out, cells[i]);
  }
  out += "\r\n";  // what Excel writes, and RFC 4180's record separator
}

}  // namespace

std::string AssessmentTitle(const Assessment& assessment) {
  std::string title = "考核情况通报（";
  if (!assessment.section.empty()) title += "第" + assessment.section + "部分，";
  title += FormatCivilDate(assessment.from) + "至" + FormatCivilDate(assessment.to) + "，截至" +
           assessment.as_of_local + "）";
  return title;
}

std::string RenderAssessmentCsv(const Assessment& assessment) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 BOM: without it Excel reads the file as GBK
  AppendCsvRow(out, report::AgencyHeaders());
  for (const AgencyAssessment& agency : assessment.agencies) {
    AppendCsvRow(out, report::AgencyCells(agency));
  }
  return out;
}

std::string RenderAssessmentText(const Assessment& assessment) {
  const AssessmentCounts& totals = assessment.totals;
  std::string out = AssessmentTitle(assessment) + "\n\n";
  out += report::ScopeLine(assessment) + "\n";
  out += "合计：应报" + std::to_string(totals.due) + "次，按时" + std::to_string(totals.on_time) +
         "次，逾期" + std::to_string(totals.late) + "次（共" +
         std::to_string(totals.late_working_days) + "个工作日），未报" +
         std::to_string(totals.missing) + "次，未到期" + std::to_string(totals.not_yet_due) +
         "次，按时率" + FormatRate(totals.rate()) + report::TargetsClause(assessment.target_totals) +
         "。\n\n";
  out += "各单位情况（按排名）：\n";
  for (const AgencyAssessment& agency : assessment.agencies) {
    const AssessmentCounts& c = agency.counts;
    out += report::RankText(agency.rank) + ". " + agency.agency + "：按时率" +
           FormatRate(c.rate()) + "，应报" + std::to_string(c.due) + "次，按时" +
           std::to_string(c.on_time) + "次，逾期" + std::to_string(c.late) + "次（" +
           std::to_string(c.late_working_days) + "个工作日），未报" + std::to_string(c.missing) +
           "次，当前" + report::LightText(agency.light) + report::TargetsClause(agency.targets) +
           "\n";
  }
  if (!assessment.findings.empty()) {
    out += "\n逾期和未报情况：\n";
    for (const AssessmentFinding& finding : assessment.findings) {
      std::vector<std::string> cells = report::FindingCells(finding);
      out += "- " + cells[0] + "，任务" + cells[1] + "（" + cells[2] + "），" + cells[3] +
             "，应报日期" + cells[4] + "，" + cells[5];
      if (finding.reported) out += "，" + cells[6] + "报送，逾期" + cells[7] + "个工作日";
      out += "\n";
    }
  }
  if (!assessment.suspended.empty()) {
    out += "\n暂停中、不计入的任务：";
    for (size_t i = 0; i < assessment.suspended.size(); ++i) {
      out += (i > 0 ? "、" : "") + assessment.suspended[i].ref;
    }
    out += "\n";
  }
  out += "\n" + report::Definitions() + "\n";
  return out;
}

}  // namespace duban
