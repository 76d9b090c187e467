// Helpers shared by the SQLite store tests: a temporary directory and hand-built plans
// (the tests do not depend on the text importer).
#ifndef DUBAN_TESTS_WORKFLOW_SQLITE_TEST_UTIL_H_
#define DUBAN_TESTS_WORKFLOW_SQLITE_TEST_UTIL_H_

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "workflow/plan.h"

namespace duban::testing {

// A fresh directory under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "duban_store_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline Task MakeTask(const std::string& ref, const std::string& section, const std::string& text,
                     std::vector<std::string> lead, std::vector<std::string> participants = {},
                     std::vector<std::string> responsible = {}) {
  Task task;
  task.ref = ref;
  task.number = std::stoi(ref);
  task.label = ref + ".";
  task.section = section;
  task.text = text;
  task.lead = std::move(lead);
  task.participants = std::move(participants);
  task.responsible = std::move(responsible);
  task.line = 10 + task.number;
  return task;
}

// Four tasks in two sections, in the seed plan's shape.
inline Plan SamplePlan() {
  Plan plan;
  plan.title = "关于加快工业发展的重点工作分工方案";
  plan.source = "plan.txt";
  plan.sections = {{"一", "一、", "加强规划指导"}, {"二", "二、", "强化政策支持"}};
  Task t1 = MakeTask("1", "一", "编制工业发展规划。(省发改委、省经信委牵头,省财政厅、各设区市政府参加)",
                     {"省发改委", "省经信委"}, {"省财政厅", "各设区市政府"});
  t1.assignment = "省发改委、省经信委牵头,省财政厅、各设区市政府参加";
  Task t2 = MakeTask("2", "一", "深化国有企业改革。(省国资委负责)", {}, {}, {"省国资委"});
  t2.assignment = "省国资委负责";
  t2.confidence = Confidence::kProbable;
  Task t3 = MakeTask("3", "二", "强化科技创新。(省科技厅牵头,省发改委参加)", {"省科技厅"},
                     {"省发改委"});
  t3.assignment = "省科技厅牵头,省发改委参加";
  t3.officials = {"张副省长"};
  t3.due = "2024-06-30";
  Task t4 = MakeTask("4", "二", "规范市场秩序。(省工商局、省质监局、省经信委负责)", {}, {},
                     {"省工商局", "省质监局", "省经信委"});
  t4.assignment = "省工商局、省质监局、省经信委负责";
  t4.confidence = Confidence::kDoubtful;
  t4.doubts = {"no lead named", "second doubt, with \"quotes\""};
  t4.truncated = true;
  plan.tasks = {t1, t2, t3, t4};
  return plan;
}

// `tasks` tasks with `per_task` agencies each, drawn from `agencies` names.
inline Plan LargePlan(int tasks, int per_task, int agencies) {
  Plan plan;
  plan.title = "大型分工方案";
  plan.source = "large.txt";
  for (int s = 0; s < 10; ++s) {
    plan.sections.push_back({std::to_string(s), std::to_string(s) + "、", "第" + std::to_string(s) + "部分"});
  }
  plan.tasks.reserve(static_cast<size_t>(tasks));
  for (int i = 1; i <= tasks; ++i) {
    Task task;
    task.ref = std::to_string(i);
    task.number = i;
    task.label = task.ref + ".";
    task.section = std::to_string((i - 1) * 10 / tasks);
    task.text = "第" + task.ref + "项任务:加快培育发展战略性新兴产业,完善政策支持体系。";
    task.line = i + 5;
    for (int k = 0; k < per_task; ++k) {
      std::string name = "省单位" + std::to_string((i * 7 + k * 13) % agencies);
      if (k == 0) {
        task.lead.push_back(name);
      } else {
        task.participants.push_back(name);
      }
    }
    plan.tasks.push_back(std::move(task));
  }
  return plan;
}

}  // namespace duban::testing

#endif  // DUBAN_TESTS_WORKFLOW_SQLITE_TEST_UTIL_H_
