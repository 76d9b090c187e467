#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "workflow/assignment_finder.h"
#include "workflow/assignment_parser.h"
#include "workflow/text_normalize.h"

using namespace duban;

namespace {
using Names = std::vector<std::string>;
}

TEST_CASE("role clauses give agencies by role", "[assignment_parser]") {
  struct Case {
    const char* words;
    Names lead, participants, responsible;
  };
  for (const Case& c : std::vector<Case>{
           {"省发改委、省经信委牵头,省财政厅、省商务厅等部门和相关设区市政府参加",
            {"省发改委", "省经信委"}, {"省财政厅", "省商务厅", "相关设区市政府"}, {}},
           {"省国资委负责", {}, {}, {"省国资委"}},
           {"省工商局、省质监局、省经信委负责", {}, {}, {"省工商局", "省质监局", "省经信委"}},
           {"农业农村部、工业和信息化部牵头负责", {"农业农村部", "工业和信息化部"}, {}, {}},
           {"由省发改委牵头,省交通厅、省煤炭局等单位配合。", {"省发改委"}, {"省交通厅", "省煤炭局"}, {}},
           {"由省劳动保障厅负责完成", {}, {}, {"省劳动保障厅"}},
           {"省发改委会同省财政厅负责", {"省发改委"}, {"省财政厅"}, {}},
           {"省发改委会同省财政厅、省商务厅", {"省发改委"}, {"省财政厅", "省商务厅"}, {}},
           {"省科技厅牵头;省财政厅参与", {"省科技厅"}, {"省财政厅"}, {}},
           {"省X协同,省Y协助", {}, {"省X", "省Y"}, {}},
           {"牵头单位:省发改委;配合单位:省财政厅、省商务厅", {"省发改委"}, {"省财政厅", "省商务厅"}, {}},
           {"由省经委牵头,省国资委、省经协办配合", {"省经委"}, {"省国资委", "省经协办"}, {}},
       }) {
    INFO(c.words);
    RawAssignment raw = ParseRoleClauses(FoldForMatch(c.words));
    CHECK(raw.lead == c.lead);
    CHECK(raw.participants == c.participants);
    CHECK(raw.responsible == c.responsible);
    CHECK(raw.problems.empty());
  }
}

TEST_CASE("the first-listed rule is declared in its own sentence", "[assignment_parser]") {
  RawAssignment raw = ParseRoleClauses(
      FoldForMatch("工业和信息化部、发展改革委、科技部、农业农村部等负责。列第一位者为牵头单位，下同"));
  CHECK(raw.declares_first_listed);
  CHECK(raw.responsible == Names{"工业和信息化部", "发展改革委", "科技部", "农业农村部"});
  CHECK(raw.plain_responsible);
  CHECK_FALSE(ParseRoleClauses("省发改委牵头,省财政厅参加").declares_first_listed);
}

TEST_CASE("problems: empty roles and names without a role", "[assignment_parser]") {
  RawAssignment empty_lead = ParseRoleClauses("牵头,省财政厅参加");
  REQUIRE(empty_lead.problems.size() == 1);
  CHECK(empty_lead.problems[0].find("empty") != std::string::npos);
  CHECK(empty_lead.participants == Names{"省财政厅"});

  RawAssignment no_role = ParseRoleClauses("省发改委牵头,省财政厅");
  CHECK(no_role.lead == Names{"省发改委"});
  CHECK(no_role.problems.size() == 1);

  // A deadline after the role word is not a name and not a problem.
  RawAssignment deadline = ParseRoleClauses("省发改委负责,2023年底前完成");
  CHECK(deadline.responsible == Names{"省发改委"});
  CHECK(deadline.problems.empty());

  RawAssignment run_together = ParseRoleClauses("省发改委省财政厅负责");
  CHECK(run_together.problems.size() == 1);
}

TEST_CASE("role labels", "[assignment_parser]") {
  auto labels = FindRoleLabels("牵头负责领导:刘惠。");
  REQUIRE(labels.size() == 1);
  CHECK(labels[0].kind == LabelKind::kOfficial);
  CHECK(labels[0].begin == 0);

  // The labels' values are views into the line: it must outlive them (a temporary here
  // was a use after free, found by ASan).
  const std::string folded = FoldForMatch("加快建设。牵头单位：省发改委；配合单位：省财政厅、省商务厅");
  labels = FindRoleLabels(folded);
  REQUIRE(labels.size() == 2);
  CHECK(labels[0].kind == LabelKind::kLead);
  CHECK(labels[0].begin > 0);
  CHECK(labels[1].kind == LabelKind::kParticipant);
  RawAssignment raw;
  for (const auto& label : labels) AddRoleLabel(label, false, &raw);
  CHECK(raw.lead == Names{"省发改委"});
  CHECK(raw.participants == Names{"省财政厅", "省商务厅"});

  CHECK(FindRoleLabels("协同责任单位:省发展改革委、省税务局等。")[0].kind == LabelKind::kParticipant);
  CHECK(FindRoleLabels("牵头责任单位:省商务厅。")[0].kind == LabelKind::kLead);
  CHECK(FindRoleLabels("责任单位:省商务厅")[0].kind == LabelKind::kResponsible);
  // Not at a boundary, or not a label word: no label.
  CHECK(FindRoleLabels("明确责任单位:各地").empty());
  CHECK(FindRoleLabels("省发改委:承担日常工作").empty());
  CHECK(FindRoleLabels("发布人:kjhz").empty());

  RawAssignment cut;
  AddRoleLabel(FindRoleLabels("协同责任单位:省发展改革委、省税")[0], true, &cut);
  CHECK(cut.participants == Names{"省发展改革委"});
  CHECK(cut.problems.size() == 1);
}

TEST_CASE("table unit cells", "[assignment_parser]") {
  RawAssignment marked = ParseUnitCell("▲发改局,各部门,各镇乡(街道)", false);
  CHECK(marked.lead == Names{"发改局"});
  CHECK(marked.participants == Names{"各部门", "各镇乡(街道)"});
  CHECK_FALSE(marked.by_convention);

  RawAssignment unmarked = ParseUnitCell("经信局,相关部门,各镇乡(街道)", false);
  CHECK(unmarked.responsible == Names{"经信局", "相关部门", "各镇乡(街道)"});
  CHECK(unmarked.by_convention);

  RawAssignment cut = ParseUnitCell("▲招商投资促进中心,各部门,各镇乡(", false);
  CHECK(cut.participants == Names{"各部门"});
  CHECK(cut.problems.size() == 1);
}

TEST_CASE("ResolveRoles applies conventions to plain lists only", "[assignment_parser]") {
  RawAssignment plain = ParseRoleClauses("人力资源社会保障部、财政部负责");
  ResolvedRoles without_rule = ResolveRoles(plain, false);
  CHECK(without_rule.responsible == Names{"人力资源社会保障部", "财政部"});
  CHECK_FALSE(without_rule.by_convention);

  ResolvedRoles with_rule = ResolveRoles(plain, true);
  CHECK(with_rule.lead == Names{"人力资源社会保障部"});
  CHECK(with_rule.participants == Names{"财政部"});
  CHECK(with_rule.responsible.empty());
  CHECK(with_rule.by_convention);

  ResolvedRoles collectives = ResolveRoles(ParseRoleClauses("各有关部门和单位,各省级人民政府按职责分工负责"), true);
  CHECK(collectives.lead.empty());
  CHECK(collectives.responsible == Names{"各有关部门和单位", "各省级人民政府"});

  ResolvedRoles explicit_lead = ResolveRoles(ParseRoleClauses("农业农村部、工业和信息化部牵头负责"), true);
  CHECK(explicit_lead.lead == Names{"农业农村部", "工业和信息化部"});
  CHECK_FALSE(explicit_lead.by_convention);

  ResolvedRoles single = ResolveRoles(ParseRoleClauses("省国资委负责"), false);
  CHECK(single.responsible == Names{"省国资委"});
  CHECK(single.by_convention);

  ResolvedRoles with_helpers = ResolveRoles(ParseRoleClauses("省X负责,省Y配合"), false);
  CHECK(with_helpers.lead == Names{"省X"});
  CHECK(with_helpers.participants == Names{"省Y"});
}

TEST_CASE("trailing brackets and sentences", "[assignment_finder]") {
  CHECK(TrailingBracketAssignment("加强建设。(省国资委负责)") == std::optional<std::string_view>("省国资委负责"));
  CHECK(TrailingBracketAssignment("加强建设(省国资委负责)。") == std::optional<std::string_view>("省国资委负责"));
  CHECK(TrailingBracketAssignment("县(市、区)与(各镇乡(街道)负责)") ==
        std::optional<std::string_view>("各镇乡(街道)负责"));
  CHECK_FALSE(TrailingBracketAssignment("10个专项规划(10月20日前完成)。").has_value());
  CHECK_FALSE(TrailingBracketAssignment("工业强县(市、区)建设").has_value());
  CHECK_FALSE(TrailingBracketAssignment("(此件公开发布)").has_value());

  CHECK(TrailingSentenceAssignment("劳务合作规划。由省劳动保障厅负责完成。") ==
        std::optional<std::string_view>("由省劳动保障厅负责完成"));
  CHECK(TrailingSentenceAssignment("建立考核制度,由省考核办负责。") ==
        std::optional<std::string_view>("由省考核办负责"));
  CHECK_FALSE(TrailingSentenceAssignment("确定专人参加由广东省牵头成立").has_value());
  CHECK_FALSE(TrailingSentenceAssignment("建立由农业农村部牵头的协调机制。").has_value());
}

TEST_CASE("FindAssignment picks the first line that assigns", "[assignment_finder]") {
  FoundAssignment labels = FindAssignment(
      {"全省生产总值增长7%以上。", "牵头负责领导:刘惠。", "牵头责任单位:省发展改革委。",
       "协同责任单位:省政府各部门、各直属机构。", "通知指出"},
      false, false);
  CHECK(labels.form == AssignmentForm::kLabels);
  CHECK(labels.last_line == 3);
  CHECK(labels.raw.officials == Names{"刘惠"});
  CHECK(labels.raw.lead == Names{"省发展改革委"});

  FoundAssignment inline_label =
      FindAssignment({FoldForMatch("推进改革。责任单位：省发改委、省财政厅")}, false, false);
  CHECK(inline_label.form == AssignmentForm::kLabels);
  CHECK(inline_label.raw.responsible == Names{"省发改委", "省财政厅"});

  FoundAssignment bracket = FindAssignment(
      {"建立由农业农村部、工业和信息化部牵头的机制。(农业农村部牵头负责)", "国务院", "(此件公开发布)"},
      false, false);
  CHECK(bracket.form == AssignmentForm::kBracket);
  CHECK(bracket.last_line == 0);
  CHECK(bracket.raw.lead == Names{"农业农村部"});

  FoundAssignment table = FindAssignment({"", "生产总值增长7.5%左右", "▲发改局,各部门"}, true, false);
  CHECK(table.form == AssignmentForm::kTableCell);
  CHECK(table.last_line == 2);

  FoundAssignment none = FindAssignment({"指导思想。以习近平新时代中国特色社会主义思想为指导。"}, false, false);
  CHECK(none.form == AssignmentForm::kNone);

  // A sentence without 由 counts only when every unit looks like an agency.
  CHECK(FindAssignment({"加强管理。省发改委牵头,省财政厅配合。"}, false, false).form ==
        AssignmentForm::kSentence);
  CHECK(FindAssignment({"各地要加强组织领导,主要同志亲自负责。"}, false, false).form ==
        AssignmentForm::kNone);
}
