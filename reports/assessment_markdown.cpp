// RenderAssessmentMarkdown: GitHub-flavoured tables, ready to paste into a 通报 drafted in
// Markdown (or converted by the office's editor).
#include "reports/assessment_report.h"

#include "reports/report_labels.h"

namespace duban {
namespace {

// A table cell: `|` would end the cell and a line break the row.
std::string Cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

void AppendRow(std::string& out, const std::vector<std::string>& cells) {
  out += '|';
  for (const std::string& cell : cells) out += ' ' + Cell(cell) + " |";
  out += '\n';
}

// Header, then the alignment row: names left, numbers right.
void AppendHeader(std::string& out, const std::vector<std::string>& headers,
                  size_t text_columns) {
  AppendRow(out, headers);
  out += '|';
  for (size_t i = 0; i < headers.size(); ++i) out += i < text_columns ? " --- |" : " ---: |";
  out += '\n';
}

}  // namespace

std::string RenderAssessmentMarkdown(const Assessment& assessment) {
  std::string out = "## " + AssessmentTitle(assessment) + "\n\n";
  out += report::ScopeLine(assessment) + "；按时率" + FormatRate(assessment.totals.rate()) +
         Cell(report::TargetsClause(assessment.target_totals)) + "。\n\n### 各单位情况\n\n";
  // 排名 and 单位 are text; 当前状态 too, but leaving it right-aligned keeps one rule.
  AppendHeader(out, report::AgencyHeaders(), 2);
  for (const AgencyAssessment& agency : assessment.agencies) {
    AppendRow(out, report::AgencyCells(agency));
  }
  out += "\n### 各部分情况\n\n";
  AppendHeader(out, report::SectionHeaders(), 1);
  for (const SectionAssessment& section : assessment.sections) {
    AppendRow(out, report::SectionCells(section));
  }
  AppendRow(out, report::TotalCells(assessment));
  if (!assessment.findings.empty()) {
    out += "\n### 逾期和未报明细\n\n";
    AppendHeader(out, report::FindingHeaders(), 7);
    for (const AssessmentFinding& finding : assessment.findings) {
      AppendRow(out, report::FindingCells(finding));
    }
  }
  if (!assessment.suspended.empty()) {
    out += "\n暂停中、不计入的任务：";
    for (size_t i = 0; i < assessment.suspended.size(); ++i) {
      out += (i > 0 ? "、" : "") + Cell(assessment.suspended[i].ref);
    }
    out += "。\n";
  }
  out += "\n" + report::Definitions() + "\n";
  return out;
}

}  // namespace duban
