#include "workflow/plan_diff.h"

#include <catch2/catch.hpp>

namespace duban {
namespace {

Task MakeTask(std::string ref, std::string text, std::vector<std::string> lead = {"省发改委"}) {
  Task task;
  task.ref = ref;
  task.number = std::stoi(ref);
  task.label = ref + ".";
  task.section = "一";
  task.text = std::move(text);
  task.lead = std::move(lead);
  return task;
}

Plan MakePlan() {
  Plan plan;
  plan.title = "重点工作分工方案";
  plan.sections = {{"一", "一、", "加强规划指导"}, {"二", "二、", "强化政策支持"}};
  plan.tasks = {MakeTask("1", "制定规划。"), MakeTask("2", "完善政策。"),
                MakeTask("3", "开展试点。")};
  return plan;
}

TEST_CASE("DiffPlans: identical plans differ in nothing", "[plan_diff]") {
  Plan plan = MakePlan();
  PlanDiff diff = DiffPlans(plan, plan);
  CHECK(diff.empty());
  CHECK(diff.unchanged == 3);
  CHECK(diff.added.empty());
  CHECK(diff.removed.empty());
  CHECK(diff.changed.empty());
}

TEST_CASE("DiffPlans: everything is added to an empty plan", "[plan_diff]") {
  PlanDiff diff = DiffPlans(Plan{}, MakePlan());
  CHECK(diff.added == std::vector<std::string>{"1", "2", "3"});
  CHECK(diff.removed.empty());
  CHECK(diff.unchanged == 0);
  CHECK(diff.title_changed);
  CHECK(diff.sections_changed);
  CHECK_FALSE(diff.empty());
}

TEST_CASE("DiffPlans: added, removed and changed in document order", "[plan_diff]") {
  Plan before = MakePlan();
  Plan after = MakePlan();
  after.tasks.erase(after.tasks.begin());            // 1 removed
  after.tasks[0].text = "完善财税政策。";              // 2 changed
  after.tasks.push_back(MakeTask("5", "新任务五。"));  // added
  after.tasks.insert(after.tasks.begin(), MakeTask("4", "新任务四。"));

  PlanDiff diff = DiffPlans(before, after);
  CHECK(diff.added == std::vector<std::string>{"4", "5"});
  CHECK(diff.removed == std::vector<std::string>{"1"});
  REQUIRE(diff.changed.size() == 1);
  CHECK(diff.changed[0].ref == "2");
  CHECK(diff.changed[0].fields == std::vector<std::string>{"text"});
  CHECK(diff.unchanged == 1);
  CHECK_FALSE(diff.title_changed);
  CHECK_FALSE(diff.sections_changed);
}

TEST_CASE("DiffPlans: each content field is reported by name", "[plan_diff]") {
  Plan before = MakePlan();
  struct Case {
    const char* field;
    void (*edit)(Task*);
  };
  const Case cases[] = {
      {"section", [](Task* t) { t->section = "二"; }},
      {"text", [](Task* t) { t->text += "!"; }},
      {"lead", [](Task* t) { t->lead.push_back("省财政厅"); }},
      {"participants", [](Task* t) { t->participants = {"省商务厅"}; }},
      {"responsible", [](Task* t) { t->responsible = {"省国资委"}; }},
      {"due", [](Task* t) { t->due = "2024-06-30"; }},
  };
  for (const auto& c : cases) {
    SECTION(c.field) {
      Plan after = before;
      c.edit(&after.tasks[0]);
      PlanDiff diff = DiffPlans(before, after);
      REQUIRE(diff.changed.size() == 1);
      CHECK(diff.changed[0].ref == "1");
      CHECK(diff.changed[0].fields == std::vector<std::string>{c.field});
      CHECK(diff.unchanged == 2);
    }
  }
}

TEST_CASE("DiffPlans: several changed fields come in a fixed order", "[plan_diff]") {
  Plan before = MakePlan();
  Plan after = before;
  after.tasks[1].due = "2025-01-01";
  after.tasks[1].lead = {"省科技厅"};
  after.tasks[1].text = "改写。";
  PlanDiff diff = DiffPlans(before, after);
  REQUIRE(diff.changed.size() == 1);
  CHECK(diff.changed[0].fields == std::vector<std::string>{"text", "lead", "due"});
}

TEST_CASE("DiffPlans: order of agencies within a role matters", "[plan_diff]") {
  Plan before = MakePlan();
  before.tasks[0].lead = {"省发改委", "省经信委"};
  Plan after = before;
  after.tasks[0].lead = {"省经信委", "省发改委"};
  PlanDiff diff = DiffPlans(before, after);
  REQUIRE(diff.changed.size() == 1);
  CHECK(diff.changed[0].fields == std::vector<std::string>{"lead"});
}

TEST_CASE("DiffPlans: presentation and importer metadata are ignored", "[plan_diff]") {
  Plan before = MakePlan();
  Plan after = before;
  for (auto& task : after.tasks) {
    // What a CSV round trip loses: the label as written, the assignment words, officials.
    task.number += 100;
    task.label = task.ref;
    task.assignment = "省发改委牵头";
    task.officials = {"张三"};
    task.line += 10;
    task.confidence = Confidence::kDoubtful;
    task.doubts = {"no assignment found"};
    task.truncated = true;
  }
  std::swap(after.tasks[0], after.tasks[2]);
  after.source = "other.txt";
  PlanDiff diff = DiffPlans(before, after);
  CHECK(diff.empty());
  CHECK(diff.unchanged == 3);
}

TEST_CASE("DiffPlans: title and sections", "[plan_diff]") {
  Plan before = MakePlan();
  SECTION("title") {
    Plan after = before;
    after.title = "新方案";
    PlanDiff diff = DiffPlans(before, after);
    CHECK(diff.title_changed);
    CHECK_FALSE(diff.sections_changed);
    CHECK_FALSE(diff.empty());
  }
  SECTION("section title") {
    Plan after = before;
    after.sections[1].title = "强化财税支持";
    PlanDiff diff = DiffPlans(before, after);
    CHECK(diff.sections_changed);
    CHECK_FALSE(diff.title_changed);
    CHECK_FALSE(diff.empty());
  }
  SECTION("section label") {
    Plan after = before;
    after.sections[0].label = "（一）";
    CHECK(DiffPlans(before, after).sections_changed);
  }
  SECTION("section added") {
    Plan after = before;
    after.sections.push_back({"三", "三、", "其他"});
    CHECK(DiffPlans(before, after).sections_changed);
  }
}

TEST_CASE("DiffPlans: everything removed", "[plan_diff]") {
  Plan before = MakePlan();
  Plan after;
  after.title = before.title;
  after.sections = before.sections;
  PlanDiff diff = DiffPlans(before, after);
  CHECK(diff.removed == std::vector<std::string>{"1", "2", "3"});
  CHECK(diff.added.empty());
  CHECK(diff.unchanged == 0);
}

TEST_CASE("DiffPlans: a duplicated ref counts once", "[plan_diff]") {
  Plan before = MakePlan();
  Plan after = before;
  after.tasks.push_back(MakeTask("1", "重复。"));
  PlanDiff diff = DiffPlans(before, after);
  CHECK(diff.empty());
  CHECK(diff.unchanged == 3);

  Plan dup_before = after;
  Plan none;
  PlanDiff removed = DiffPlans(dup_before, none);
  CHECK(removed.removed == std::vector<std::string>{"1", "2", "3"});
}

TEST_CASE("DiffPlans: refs restarting per section are distinct", "[plan_diff]") {
  Plan before;
  before.tasks = {MakeTask("1", "甲"), MakeTask("1", "乙")};
  before.tasks[0].ref = "一.1";
  before.tasks[1].ref = "二.1";
  Plan after = before;
  after.tasks[1].text = "丙";
  PlanDiff diff = DiffPlans(before, after);
  REQUIRE(diff.changed.size() == 1);
  CHECK(diff.changed[0].ref == "二.1");
  CHECK(diff.unchanged == 1);
}

}  // namespace
}  // namespace duban

namespace duban {
namespace {

TEST_CASE("DiffTasks: fields of one task", "[plan_diff]") {
  Task before = MakeTask("7", "原文。");
  Task after = before;
  CHECK(DiffTasks(before, after).empty());
  after.line = 99;
  after.doubts = {"x"};
  CHECK(DiffTasks(before, after).empty());
  after.officials = {"李四"};
  after.number = 8;
  after.label = "7、";
  after.assignment = "省发改委负责";
  CHECK(DiffTasks(before, after).empty());
  after.due = "2025-01-01";
  after.section = "二";
  CHECK(DiffTasks(before, after) == std::vector<std::string>{"section", "due"});
}

}  // namespace
}  // namespace duban
