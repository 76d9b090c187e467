// The Chinese words every assessment document shares (column headers, roles, outcomes,
// lights) and the small formatting helpers they use, so CSV, Markdown, text and HTML never
// disagree on a header or a number. Pure; thread-safe.
#ifndef DUBAN_REPORTS_REPORT_LABELS_H_
#define DUBAN_REPORTS_REPORT_LABELS_H_

#include <string>
#include <vector>

#include "workflow/assessment.h"

namespace duban::report {

// The agencies' table: headers and one row of cells per agency, in this order. The
// target columns (指标达标, 指标滞后) come last: they are not part of the ranking.
const std::vector<std::string>& AgencyHeaders();
std::vector<std::string> AgencyCells(const AgencyAssessment& agency);

// The per-section summary.
const std::vector<std::string>& SectionHeaders();
std::vector<std::string> SectionCells(const SectionAssessment& section);
std::vector<std::string> TotalCells(const Assessment& assessment);

// The late and missing occurrences.
const std::vector<std::string>& FindingHeaders();
std::vector<std::string> FindingCells(const AssessmentFinding& finding);

// Targets met of the total: "2/3"; "—" when there are none.
std::string TargetsMetText(const TargetCounts& targets);
// Targets behind: "1"; "—" when there are no targets.
std::string TargetsBehindText(const TargetCounts& targets);
// "，指标达标2/3（滞后1项）" for the text body; "" when there are no targets.
std::string TargetsClause(const TargetCounts& targets);

// "第1名"-free rank: "1", or "—" when unranked.
std::string RankText(int rank);
// "红灯" / "黄灯" / "绿灯" / "—".
std::string LightText(Light light);
// One paragraph stating what due, on time, late and missing mean and how ranking works.
std::string Definitions();
// "全部任务" or "第二部分" style scope line: "范围：全部任务（47项）".
std::string ScopeLine(const Assessment& assessment);

}  // namespace duban::report

#endif  // DUBAN_REPORTS_REPORT_LABELS_H_
