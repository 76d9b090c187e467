// The assessment documents, rendered from a hand-built Assessment: the BOM and quoting of
// the CSV, the escaping of HTML and Markdown, the SVG chart's bars.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "reports/assessment_report.h"

namespace duban {
namespace {

CivilDate Day(const char* text) { return *ParseCivilDate(text); }

AgencyAssessment Agency(std::string name, int rank, int on_time, int late, int days, int missing,
                        Light light = Light::kGreen) {
  AgencyAssessment agency;
  agency.agency = std::move(name);
  agency.rank = rank;
  agency.lead_tasks = 2;
  agency.participant_tasks = 1;
  agency.counts.on_time = on_time;
  agency.counts.late = late;
  agency.counts.late_working_days = days;
  agency.counts.max_late_working_days = days;
  agency.counts.missing = missing;
  agency.counts.due = on_time + late + missing;
  agency.light = light;
  return agency;
}

// Rates 100%, 50%, 25%, none; names with the characters each format must protect.
Assessment Sample() {
  Assessment a;
  a.from = Day("2026-01-01");
  a.to = Day("2026-03-31");
  a.as_of_local = "2026-03-31 24:00";
  a.tasks = 4;
  a.agencies = {Agency("省发改委", 1, 4, 0, 0, 0),
                Agency("省\"数据\"局,大数据中心", 2, 2, 1, 3, 1, Light::kYellow),
                Agency("<b>&\"城|乡\"", 3, 1, 0, 0, 3, Light::kRed),
                Agency("省统计局", 0, 0, 0, 0, 0, Light::kNone)};
  a.totals.on_time = 7;
  a.totals.late = 1;
  a.totals.late_working_days = 3;
  a.totals.missing = 4;
  a.totals.due = 12;
  // Targets: 省发改委 leads tasks with 3 confirmed targets, 2 met and 1 behind; the others
  // have none.
  a.agencies[0].targets = {3, 2, 0, 1, 0};
  a.target_totals = {3, 2, 0, 1, 0};
  SectionAssessment section;
  section.number = "一";
  section.title = "一、加强规划指导";
  section.tasks = 4;
  section.counts = a.totals;
  section.targets = a.target_totals;
  a.sections = {section};
  AssessmentFinding late;
  late.task_ref = "22";
  late.agency = "省\"数据\"局,大数据中心";
  late.role = Role::kParticipant;
  late.occurrence = "2026-Q1";
  late.due = Day("2026-01-09");
  late.outcome = AssessmentFinding::Outcome::kLate;
  late.reported = Day("2026-01-14");
  late.late_working_days = 3;
  a.findings = {late};
  a.suspended = {{"7", "一", {"省发改委"}}};
  return a;
}

TEST_CASE("Assessment CSV starts with a BOM and quotes commas and quotes", "[report]") {
  const std::string csv = RenderAssessmentCsv(Sample());
  REQUIRE(csv.size() > 3);
  CHECK(csv.substr(0, 3) == "\xEF\xBB\xBF");
  CHECK(csv.find("排名,单位,牵头任务,参加任务,应报次数,按时,逾期,逾期工作日,最长逾期工作日,"
                 "未报,未到期,按时率,当前状态,指标达标,指标滞后\r\n") == 3);
  // RFC 4180: the field in quotes, inner quotes doubled; the comma stays inside the field.
  CHECK(csv.find("2,\"省\"\"数据\"\"局,大数据中心\",2,1,4,2,1,3,3,1,0,50.0%,黄灯,—,—\r\n") !=
        std::string::npos);
  CHECK(csv.find("1,省发改委,2,1,4,4,0,0,0,0,0,100.0%,绿灯,2/3,1\r\n") != std::string::npos);
  CHECK(csv.find("—,省统计局,2,1,0,0,0,0,0,0,0,—,—,—,—\r\n") != std::string::npos);
  // Header and four agencies: five records.
  size_t records = 0;
  for (size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) {
    ++records;
  }
  CHECK(records == 5);
}

TEST_CASE("Assessment HTML escapes names and states the period in the title", "[report]") {
  const std::string html = RenderAssessmentHtml(Sample());
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("<title>考核情况通报（2026-01-01至2026-03-31，截至2026-03-31 24:00）</title>") !=
        std::string::npos);
  CHECK(html.find("&lt;b&gt;&amp;&quot;城|乡&quot;") != std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("&\"") == std::string::npos);
  CHECK(html.find("省&quot;数据&quot;局,大数据中心") != std::string::npos);
  // No script and nothing fetched: a standalone document.
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));
  CHECK(html.find("https://") == std::string::npos);
}

TEST_CASE("Assessment HTML chart has one bar per agency, widths proportional to the rates", "[report]") {
  const Assessment sample = Sample();
  const std::string html = RenderAssessmentHtml(sample);
  const std::regex bar(R"re(<rect class="bar" x="(\d+)" y="(\d+)" width="([0-9.]+)")re");
  std::vector<double> widths;
  std::vector<int> ys;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), bar); it != std::sregex_iterator(); ++it) {
    widths.push_back(std::stod((*it)[3]));
    ys.push_back(std::stoi((*it)[2]));
  }
  REQUIRE(widths.size() == sample.agencies.size());
  // Rates 4/4, 2/4, 1/4, none: widths in the ratio 1 : 0.5 : 0.25 : 0, top to bottom in
  // ranking order.
  REQUIRE(widths[0] > 0);
  CHECK(widths[1] / widths[0] == Approx(0.5));
  CHECK(widths[2] / widths[0] == Approx(0.25));
  CHECK(widths[3] == 0.0);
  CHECK(ys[0] < ys[1]);
  CHECK(ys[1] < ys[2]);
  CHECK(ys[2] < ys[3]);
  // Each bar is labelled with its rate.
  for (const char* label : {">100.0%</text>", ">50.0%</text>", ">25.0%</text>", ">—</text>"}) {
    CHECK(html.find(label) != std::string::npos);
  }
}

TEST_CASE("Assessment HTML chart cuts long names but the table keeps them whole", "[report]") {
  Assessment a = Sample();
  a.agencies[0].agency = "省战略性新兴产业发展工作领导小组办公室综合协调处";  // 24 characters
  const std::string html = RenderAssessmentHtml(a);
  // The first 20 characters and an ellipsis in the chart, the full name as its tooltip.
  CHECK(html.find("</title>省战略性新兴产业发展工作领导小组办公室综…</text>") != std::string::npos);
  CHECK(html.find("<title>省战略性新兴产业发展工作领导小组办公室综合协调处</title>") != std::string::npos);
  CHECK(html.find("<td>省战略性新兴产业发展工作领导小组办公室综合协调处</td>") != std::string::npos);
}

TEST_CASE("Assessment Markdown has the tables with pipes escaped", "[report]") {
  const std::string md = RenderAssessmentMarkdown(Sample());
  CHECK(md.rfind("## 考核情况通报（2026-01-01至2026-03-31，截至2026-03-31 24:00）\n", 0) == 0);
  CHECK(md.find("| 排名 | 单位 | 牵头任务 |") != std::string::npos);
  CHECK(md.find("| --- | --- | ---: |") != std::string::npos);
  CHECK(md.find("| 3 | <b>&\"城\\|乡\" | 2 | 1 | 4 | 1 | 0 | 0 | 0 | 3 | 0 | 25.0% | 红灯 | — | — |") !=
        std::string::npos);
  CHECK(md.find("| 一、加强规划指导 | 4 | 12 | 7 | 1 | 3 | 4 | 0 | 58.3% | 2/3 | 1 |") != std::string::npos);
  CHECK(md.find("| 合计 | 4 | 12 | 7 | 1 | 3 | 4 | 0 | 58.3% | 2/3 | 1 |") != std::string::npos);
  CHECK(md.find("| 省\"数据\"局,大数据中心 | 22 | 参加 | 2026-Q1 | 2026-01-09 | 逾期 | 2026-01-14 | 3 |") !=
        std::string::npos);
  CHECK(md.find("暂停中、不计入的任务：7。") != std::string::npos);
}

TEST_CASE("Assessment plain text lists agencies in ranking order", "[report]") {
  const std::string text = RenderAssessmentText(Sample());
  CHECK(text.rfind(AssessmentTitle(Sample()) + "\n", 0) == 0);
  const size_t first = text.find("1. 省发改委：按时率100.0%");
  const size_t second = text.find("2. 省\"数据\"局,大数据中心：按时率50.0%");
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  CHECK(first < second);
  CHECK(text.find("合计：应报12次，按时7次，逾期1次（共3个工作日），未报4次，未到期0次，按时率58.3%，指标达标2/3（滞后1项）。") !=
        std::string::npos);
}

TEST_CASE("Assessment documents show targets met beside the rate, dashes without targets",
          "[report][targets]") {
  const Assessment sample = Sample();
  const std::string text = RenderAssessmentText(sample);
  CHECK(text.find("，未报0次，当前绿灯，指标达标2/3（滞后1项）\n") != std::string::npos);
  // An agency without targets gets no clause at all, not "指标达标0/0".
  CHECK(text.find("，未报1次，当前黄灯\n") != std::string::npos);
  CHECK(text.find("0/0") == std::string::npos);
  const std::string md = RenderAssessmentMarkdown(sample);
  CHECK(md.find("按时率58.3%，指标达标2/3（滞后1项）。") != std::string::npos);
  const std::string html = RenderAssessmentHtml(sample);
  CHECK(html.find("<th>指标达标</th>") != std::string::npos);
  CHECK(html.find("<td class=\"num\">2/3</td>") != std::string::npos);
  // Without any target in the plan the summary stays as it was.
  Assessment none = sample;
  none.agencies[0].targets = {};
  none.target_totals = {};
  none.sections[0].targets = {};
  CHECK(RenderAssessmentMarkdown(none).find("按时率58.3%。") != std::string::npos);
  CHECK(RenderAssessmentText(none).find("，指标达标") == std::string::npos);
}

TEST_CASE("Assessment title names the section when the report is of one section", "[report]") {
  Assessment a = Sample();
  a.section = "二";
  CHECK(AssessmentTitle(a) == "考核情况通报（第二部分，2026-01-01至2026-03-31，截至2026-03-31 24:00）");
}

}  // namespace
}  // namespace duban
