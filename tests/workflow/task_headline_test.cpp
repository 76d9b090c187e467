#include <catch2/catch.hpp>

#include "workflow/task_headline.h"

namespace duban {
namespace {

Task MakeTask(std::string text, std::string assignment) {
  Task task;
  task.ref = "33";
  task.text = std::move(text);
  task.assignment = std::move(assignment);
  return task;
}

TEST_CASE("TaskHeadline is the first sentence without the assignment", "[headline]") {
  Task task = MakeTask(
      "引导金融机构建立适应战略性新兴产业特点的信贷管理和贷款评审制度。(人行杭州中心支行牵头,"
      "省发改委参加)",
      "人行杭州中心支行牵头,省发改委参加");
  CHECK(TaskHeadline(task) == "引导金融机构建立适应战略性新兴产业特点的信贷管理和贷款评审制度");
}

TEST_CASE("TaskHeadline cuts long sentences with an ellipsis", "[headline]") {
  Task task = MakeTask("研究完善我省支持战略性新兴产业发展的税费激励政策(省国税局负责)", "省国税局负责");
  CHECK(TaskHeadline(task, 6) == "研究完善我省…");
  CHECK(TaskHeadline(task, 100) == "研究完善我省支持战略性新兴产业发展的税费激励政策");
}

TEST_CASE("TaskHeadline keeps a text without assignment", "[headline]") {
  Task task = MakeTask("加强宣传工作；营造氛围", "");
  CHECK(TaskHeadline(task) == "加强宣传工作");
}

}  // namespace
}  // namespace duban
