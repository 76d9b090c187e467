// Renderers of a 考核 Assessment (workflow/assessment.h) into the documents the office
// circulates: CSV for Excel, Markdown and plain text to paste into a 通报 or an email body,
// and a standalone HTML page with a bar chart of on-time rates. All text is Chinese; each
// document states the period and the as-of moment (Assessment::as_of_local) in its title,
// except CSV, which is one plain table so Excel can sort and filter it.
//
// Every renderer is a pure function of the Assessment: the same value gives the same
// bytes, so a periodic job can render once and send the same document everywhere (and a
// test can compare it). They do no I/O and read no clock. Thread-safe.
//
// Typical use (the daemon's report.assessment, or a scheduled report):
//   Result<Assessment> assessment = Assess(input, request);   // workflow/assessment.h
//   std::string subject = AssessmentTitle(*assessment);
//   std::string body = RenderAssessmentText(*assessment);      // email body
//   std::string page = RenderAssessmentHtml(*assessment);      // attachment / browser
#ifndef DUBAN_REPORTS_ASSESSMENT_REPORT_H_
#define DUBAN_REPORTS_ASSESSMENT_REPORT_H_

#include <string>

#include "workflow/assessment.h"

namespace duban {

// "考核情况通报（2026-01-01至2026-03-31，截至2026-03-31 24:00）"; with a section filter the
// section is named after the period. One line, no trailing newline: usable as an email
// subject.
std::string AssessmentTitle(const Assessment& assessment);

// The agencies' table, ranking order: UTF-8 BOM (so Excel reads it as UTF-8), a header
// row (排名,单位,牵头任务,参加任务,应报次数,按时,逾期,逾期工作日,最长逾期工作日,未报,
// 未到期,按时率,当前状态,指标达标,指标滞后), one row per agency, CRLF line ends, RFC 4180
// quoting.
std::string RenderAssessmentCsv(const Assessment& assessment);

// GitHub-flavoured Markdown: the title as a heading, the definitions in one paragraph,
// the agencies' table, the per-section summary, the late and missing occurrences, and
// the suspended tasks left out. `|` in names is escaped.
std::string RenderAssessmentMarkdown(const Assessment& assessment);

// A standalone HTML5 document (UTF-8, inline CSS, no scripts, no external resources)
// with the same content as the Markdown, plus an inline SVG horizontal bar chart of the
// on-time rate by agency in ranking order, one bar per agency (<rect class="bar">,
// width proportional to the rate, 0 for agencies without a rate), each labelled with its
// rate. Every text from the data is HTML-escaped.
std::string RenderAssessmentHtml(const Assessment& assessment);

// Plain text for an email body: title, totals, agencies one per line in ranking order,
// then the late and missing occurrences. No tables wider than a line.
std::string RenderAssessmentText(const Assessment& assessment);

}  // namespace duban

#endif  // DUBAN_REPORTS_ASSESSMENT_REPORT_H_
