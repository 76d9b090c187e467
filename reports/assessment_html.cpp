// RenderAssessmentHtml: one self-contained page (inline CSS, inline SVG, no script, no
// external fonts or images) so it can be mailed as an attachment, opened from disk or
// printed, and look the same everywhere.
#include "reports/assessment_report.h"

#include <cstdio>

#include "reports/report_labels.h"

namespace duban {
namespace {

// Chart geometry, in SVG user units (= CSS pixels at 100%).
constexpr int kNameWidth = 300;  // agency names, right-aligned before the bars
constexpr size_t kNameChars = 20;  // longer names are cut (the full name is the tooltip)
constexpr int kBarWidth = 480;   // a 100% rate
constexpr int kRowHeight = 28;
constexpr int kBarHeight = 18;
constexpr int kLabelWidth = 70;  // the rate printed after the bar

std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// `name` cut to kNameChars characters (UTF-8 code points) with "…", so a long office name
// (省战略性新兴产业发展工作领导小组办公室) stays inside the chart.
std::string ChartName(const std::string& name) {
  size_t chars = 0;
  for (size_t i = 0; i < name.size(); ++i) {
    if ((static_cast<unsigned char>(name[i]) & 0xC0) == 0x80) continue;
    if (++chars > kNameChars) return name.substr(0, i) + "…";
  }
  return name;
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

void AppendTable(std::string& out, const std::vector<std::string>& headers,
                 const std::vector<std::vector<std::string>>& rows, size_t text_columns) {
  out += "<table>\n<thead><tr>";
  for (const std::string& header : headers) out += "<th>" + Escape(header) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const std::vector<std::string>& row : rows) {
    out += "<tr>";
    for (size_t i = 0; i < row.size(); ++i) {
      out += i < text_columns ? "<td>" : "<td class=\"num\">";
      out += Escape(row[i]) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

// The on-time rate of every agency, in ranking order: one <rect class="bar"> each, as
// wide as its rate (0 without one), the rate written after it.
std::string Chart(const Assessment& assessment) {
  const int rows = static_cast<int>(assessment.agencies.size());
  const int width = kNameWidth + kBarWidth + kLabelWidth;
  const int height = rows * kRowHeight + 30;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" +
                    std::to_string(width) + "\" height=\"" + std::to_string(height) +
                    "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                    "\" role=\"img\" aria-label=\"各单位按时率\">\n";
  for (int i = 0; i < rows; ++i) {
    const AgencyAssessment& agency = assessment.agencies[i];
    const std::optional<double> rate = agency.counts.rate();
    const int y = i * kRowHeight + 4;
    const double bar = rate ? *rate * kBarWidth : 0.0;
    out += "<text class=\"name\" x=\"" + std::to_string(kNameWidth - 8) + "\" y=\"" +
           std::to_string(y + 14) + "\" text-anchor=\"end\"><title>" + Escape(agency.agency) +
           "</title>" + Escape(ChartName(agency.agency)) + "</text>\n";
    out += "<rect class=\"bar\" x=\"" + std::to_string(kNameWidth) + "\" y=\"" +
           std::to_string(y) + "\" width=\"" + Number(bar) + "\" height=\"" +
           std::to_string(kBarHeight) + "\" fill=\"" +
           (rate && *rate >= 0.9 ? "#2e7d32" : rate && *rate >= 0.6 ? "#f9a825" : "#c62828") +
           "\"/>\n";
    out += "<text class=\"rate\" x=\"" + Number(kNameWidth + bar + 6) + "\" y=\"" +
           std::to_string(y + 14) + "\">" + Escape(FormatRate(rate)) + "</text>\n";
  }
  // The 0% and 100% ticks.
  const int axis = rows * kRowHeight + 8;
  out += "<line x1=\"" + std::to_string(kNameWidth) + "\" y1=\"" + std::to_string(axis) +
         "\" x2=\"" + std::to_string(kNameWidth + kBarWidth) + "\" y2=\"" +
         std::to_string(axis) + "\" stroke=\"#888\"/>\n";
  out += "<text class=\"tick\" x=\"" + std::to_string(kNameWidth) + "\" y=\"" +
         std::to_string(axis + 16) + "\">0%</text>\n";
  out += "<text class=\"tick\" x=\"" + std::to_string(kNameWidth + kBarWidth) + "\" y=\"" +
         std::to_string(axis + 16) + "\" text-anchor=\"end\">100%</text>\n";
  out += "</svg>\n";
  return out;
}

constexpr const char* kStyle = R"(body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px}h2{font-size:18px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #999;padding:4px 8px}
th{background:#eef2f7}td.num{text-align:right}
.chart text{font-size:13px;fill:#222}.chart .tick{fill:#666}
p.note{font-size:13px;color:#555;max-width:60em})";

}  // namespace

std::string RenderAssessmentHtml(const Assessment& assessment) {
  const std::string title = AssessmentTitle(assessment);
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                    Escape(title) + "</title>\n<style>\n" + kStyle + "\n</style>\n</head>\n<body>\n";
  out += "<h1>" + Escape(title) + "</h1>\n";
  out += "<p>" + Escape(report::ScopeLine(assessment)) + "；按时率" +
         Escape(FormatRate(assessment.totals.rate()) + report::TargetsClause(assessment.target_totals)) +
         "。</p>\n";
  out += "<h2>各单位按时率</h2>\n" + Chart(assessment);
  std::vector<std::vector<std::string>> rows;
  for (const AgencyAssessment& agency : assessment.agencies) {
    rows.push_back(report::AgencyCells(agency));
  }
  out += "<h2>各单位情况</h2>\n";
  AppendTable(out, report::AgencyHeaders(), rows, 2);
  rows.clear();
  for (const SectionAssessment& section : assessment.sections) {
    rows.push_back(report::SectionCells(section));
  }
  rows.push_back(report::TotalCells(assessment));
  out += "<h2>各部分情况</h2>\n";
  AppendTable(out, report::SectionHeaders(), rows, 1);
  if (!assessment.findings.empty()) {
    rows.clear();
    for (const AssessmentFinding& finding : assessment.findings) {
      rows.push_back(report::FindingCells(finding));
    }
    out += "<h2>逾期和未报明细</h2>\n";
    AppendTable(out, report::FindingHeaders(), rows, 7);
  }
  if (!assessment.suspended.empty()) {
    out += "<p>暂停中、不计入的任务：";
    for (size_t i = 0; i < assessment.suspended.size(); ++i) {
      out += (i > 0 ? "、" : "") + Escape(assessment.suspended[i].ref);
    }
    out += "。</p>\n";
  }
  out += "<p class=\"note\">" + Escape(report::Definitions()) + "</p>\n</body>\n</html>\n";
  return out;
}

}  // namespace duban
