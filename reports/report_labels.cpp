#include "reports/report_labels.h"

namespace duban::report {

const std::vector<std::string>& AgencyHeaders() {
  static const std::vector<std::string> headers = {
      "排名", "单位", "牵头任务", "参加任务", "应报次数", "按时", "逾期", "逾期工作日",
      "最长逾期工作日", "未报", "未到期", "按时率", "当前状态", "指标达标", "指标滞后"};
  return headers;
}

std::vector<std::string> AgencyCells(const AgencyAssessment& agency) {
  const AssessmentCounts& c = agency.counts;
  return {RankText(agency.rank),
          agency.agency,
          std::to_string(agency.lead_tasks),
          std::to_string(agency.participant_tasks),
          std::to_string(c.due),
          std::to_string(c.on_time),
          std::to_string(c.late),
          std::to_string(c.late_working_days),
          std::to_string(c.max_late_working_days),
          std::to_string(c.missing),
          std::to_string(c.not_yet_due),
          FormatRate(c.rate()),
          LightText(agency.light),
          TargetsMetText(agency.targets),
          TargetsBehindText(agency.targets)};
}

const std::vector<std::string>& SectionHeaders() {
  static const std::vector<std::string> headers = {"部分", "任务数", "应报次数", "按时",
                                                   "逾期", "逾期工作日", "未报", "未到期",
                                                   "按时率", "指标达标", "指标滞后"};
  return headers;
}

namespace {

std::vector<std::string> CountCells(std::string name, int tasks, const AssessmentCounts& c,
                                    const TargetCounts& targets) {
  return {std::move(name),
          std::to_string(tasks),
          std::to_string(c.due),
          std::to_string(c.on_time),
          std::to_string(c.late),
          std::to_string(c.late_working_days),
          std::to_string(c.missing),
          std::to_string(c.not_yet_due),
          FormatRate(c.rate()),
          TargetsMetText(targets),
          TargetsBehindText(targets)};
}

}  // namespace

std::vector<std::string> SectionCells(const SectionAssessment& section) {
  return CountCells(section.title, section.tasks, section.counts, section.targets);
}

std::vector<std::string> TotalCells(const Assessment& assessment) {
  return CountCells("合计", assessment.tasks, assessment.totals, assessment.target_totals);
}

const std::vector<std::string>& FindingHeaders() {
  static const std::vector<std::string> headers = {"单位", "任务", "角色", "报送期",
                                                   "应报日期", "情况", "报送日期",
                                                   "逾期工作日"};
  return headers;
}

std::vector<std::string> FindingCells(const AssessmentFinding& finding) {
  const bool late = finding.outcome == AssessmentFinding::Outcome::kLate;
  return {finding.agency,
          finding.task_ref,
          std::string(RoleNameZh(finding.role)),
          finding.occurrence == "final" ? "办结" : finding.occurrence,
          FormatCivilDate(finding.due),
          late ? "逾期" : "未报",
          finding.reported ? FormatCivilDate(*finding.reported) : "—",
          late ? std::to_string(finding.late_working_days) : "—"};
}

std::string TargetsMetText(const TargetCounts& targets) {
  if (targets.total == 0) return "—";
  return std::to_string(targets.met) + "/" + std::to_string(targets.total);
}

std::string TargetsBehindText(const TargetCounts& targets) {
  return targets.total == 0 ? "—" : std::to_string(targets.behind);
}

std::string TargetsClause(const TargetCounts& targets) {
  if (targets.total == 0) return "";
  return "，指标达标" + TargetsMetText(targets) + "（滞后" + std::to_string(targets.behind) + "项）";
}

std::string RankText(int rank) { return rank > 0 ? std::to_string(rank) : "—"; }

std::string LightText(Light light) {
  switch (light) {
    case Light::kRed: return "红灯";
    case Light::kYellow: return "黄灯";
    case Light::kGreen: return "绿灯";
    case Light::kNone: break;
  }
  return "—";
}

std::string Definitions() {
  return "说明：应报次数指应报日期（参加单位为其向牵头单位报送的日期）在统计期内的报送次数；"
         "按时指在应报日期当天及以前报送；逾期指在应报日期之后报送，逾期工作日按工作日历计算"
         "（节假日不计，调休上班日计入）；未报指截至统计时点应报日期已过仍未报送；未到期的"
         "不计入按时率。按时率＝按时÷（按时＋逾期＋未报）。排名依次按按时率从高到低、未报次数"
         "从少到多、逾期工作日从少到多，三者均相同的并列。暂停的任务不计入。"
         "指标达标指单位牵头或负责的任务中已确认的量化指标截至统计时点已达标的个数／指标总数"
         "（进度正常、滞后和未报送的不计为达标），指标滞后指已报送数值但未达到目标也未达到"
         "应有进度的个数；指标情况单列，不影响排名。";
}

std::string ScopeLine(const Assessment& assessment) {
  std::string scope = assessment.section.empty() ? "全部任务" : "第" + assessment.section + "部分任务";
  return "范围：" + scope + "（" + std::to_string(assessment.tasks) + "项）";
}

}  // namespace duban::report
