// Targets (指标) in notices: the display text of a reading, the `targets_line` of the
// issue ("目标：≥3个百分点；上次报送：2.1"), and the default templates showing it only for a
// task that has confirmed targets.
#include "notifiers/notice_targets.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "notifiers/notice_data.h"
#include "notifiers/template_fields.h"
#include "notifiers/templates.h"

namespace duban {
namespace {

using json = nlohmann::json;

CivilDate Date(const char* iso) { return *ParseCivilDate(iso); }

const FixedOffsetTimeZone& Shanghai() {
  static const FixedOffsetTimeZone zone(480, "Asia/Shanghai");
  return zone;
}

TargetReading Reading(std::string name, std::string unit, double value, TargetStatus status,
                      std::optional<double> last = std::nullopt, int64_t last_at = 0,
                      std::string agency = "") {
  TargetReading reading;
  reading.target.name = std::move(name);
  reading.target.unit = std::move(unit);
  reading.target.comparison = TargetComparison::kAtLeast;
  reading.target.value = value;
  reading.target.state = TargetState::kConfirmed;
  reading.status = status;
  reading.last_value = last;
  reading.last_at = last_at;
  reading.last_agency = std::move(agency);
  return reading;
}

// 2026-03-31 10:00 in Shanghai is 02:00 UTC.
const int64_t kMarch31 = Shanghai().ToUtc(Date("2026-03-31"), 10 * 60);

TEST_CASE("A reading becomes notice text: the target, the last value and its day", "[notice][targets]") {
  const std::vector<NoticeTarget> targets = NoticeTargets(
      {Reading("比重提高", "个百分点", 3, TargetStatus::kBehind, 2.1, kMarch31, "省发改委"),
       Reading("投资", "亿元", 100, TargetStatus::kMissing)},
      Shanghai());
  REQUIRE(targets.size() == 2);
  CHECK(targets[0] == NoticeTarget{"比重提高", "≥3个百分点", "2.1", "2026年3月31日", "省发改委",
                                   "behind", "滞后", true});
  CHECK(targets[1] == NoticeTarget{"投资", "≥100亿元", "未报送", "", "", "missing", "未报送", false});
  CHECK(TargetLine(targets[0]) == "目标：≥3个百分点；上次报送：2.1");
  CHECK(TargetLine(targets[1]) == "目标：≥100亿元；上次报送：未报送");
  // One target: the line alone; several: each named; none: empty (false in a section).
  CHECK(TargetsLine({targets[0]}) == "目标：≥3个百分点；上次报送：2.1");
  CHECK(TargetsLine(targets) ==
        "比重提高目标：≥3个百分点；上次报送：2.1。投资目标：≥100亿元；上次报送：未报送");
  CHECK(TargetsLine({}).empty());
  const json list = NoticeTargetsJson(targets);
  REQUIRE(list.size() == 2);
  CHECK(list[0]["line"] == "目标：≥3个百分点；上次报送：2.1");
  CHECK(list[0]["behind"] == true);
  CHECK(list[1]["last_date"] == "");
}

NoticeItem Remind(std::string ref, std::string title, std::vector<NoticeTarget> targets) {
  NoticeItem item;
  item.outbox_id = 1;
  item.action.task_ref = std::move(ref);
  item.action.agency = "省发改委";
  item.action.role = Role::kLead;
  item.action.level = Level::kRemind;
  item.action.due = Date("2026-04-08");
  item.action.occurrence = "2026-Q1";
  item.task.title = std::move(title);
  item.task.section = "二";
  item.task.targets = std::move(targets);
  return item;
}

json RemindData(std::vector<NoticeItem> items) {
  NoticeDraft draft;
  draft.addressees = {{Recipient::kContact, "省发改委"}};
  draft.items = std::move(items);
  return NoticeTemplateData(draft, "领导小组办公室", Date("2026-04-03"));
}

TEST_CASE("The default reminder shows a task's target and last value on a line of its own",
          "[notice][targets]") {
  const TemplateSet set = TemplateSet::Defaults();
  const std::vector<NoticeTarget> targets = NoticeTargets(
      {Reading("比重提高", "个百分点", 3, TargetStatus::kBehind, 2.1, kMarch31, "省发改委")},
      Shanghai());
  const json data = RemindData({Remind("2", "提高战略性新兴产业比重", targets)});
  CHECK(data["task"]["targets_line"] == "目标：≥3个百分点；上次报送：2.1");
  CHECK(data["items"][0]["targets"][0]["status_zh"] == "滞后");
  CHECK(set.Render("email.remind.text", data) ==
        "省发改委：\n"
        "\n"
        "根据重点工作分工方案，贵单位承担的以下工作临近报送时限，现予提醒：\n"
        "\n"
        "【牵头任务】\n"
        "1. 第2项　提高战略性新兴产业比重\n"
        "   报送2026年第一季度进展情况，截止日期2026年4月8日，距截止还有5天。\n"
        "   目标：≥3个百分点；上次报送：2.1。\n"
        "\n"
        "请按时报送办理情况。如已报送，请忽略本提醒。\n"
        "\n"
        "领导小组办公室\n"
        "2026年4月3日\n");
  CHECK(set.Render("webhook.remind.text", data).find(
            "距截止还有5天\n   目标：≥3个百分点；上次报送：2.1。\n") != std::string::npos);
  CHECK(set.Render("webhook.remind.markdown", data).find(
            "还有5天\n   目标：≥3个百分点；上次报送：2.1。\n") != std::string::npos);
  CHECK(set.Render("email.remind.html", data).find(
            "<td>报送2026年第一季度进展情况<br>目标：≥3个百分点；上次报送：2.1</td>") !=
        std::string::npos);
}

TEST_CASE("Generic webhooks' items carry each task's targets, [] without any",
          "[notice][targets]") {
  const std::vector<NoticeTarget> targets = NoticeTargets(
      {Reading("比重提高", "个百分点", 3, TargetStatus::kBehind, 2.1, kMarch31, "省发改委")},
      Shanghai());
  NoticeDraft draft;
  draft.addressees = {{Recipient::kContact, "省发改委"}};
  draft.items = {Remind("2", "提高战略性新兴产业比重", targets), Remind("3", "优化营商环境", {})};
  const json items = NoticeItemsJson(draft, Date("2026-04-03"));
  REQUIRE(items.size() == 2);
  CHECK(items[0]["targets"] == json::array({{{"name", "比重提高"},
                                             {"target", "≥3个百分点"},
                                             {"last_value", "2.1"},
                                             {"last_date", "2026年3月31日"},
                                             {"last_agency", "省发改委"},
                                             {"status", "behind"},
                                             {"status_zh", "滞后"},
                                             {"behind", true},
                                             {"line", "目标：≥3个百分点；上次报送：2.1"}}}));
  CHECK(items[1]["targets"] == json::array());
}

TEST_CASE("A task without targets gets no target line in any default reminder", "[notice][targets]") {
  const TemplateSet set = TemplateSet::Defaults();
  const std::vector<NoticeTarget> targets = NoticeTargets(
      {Reading("投资", "亿元", 100, TargetStatus::kMissing)}, Shanghai());
  // Two tasks in one notice: only the one with a target has the line.
  const json data = RemindData({Remind("2", "扩大有效投资", targets), Remind("3", "优化营商环境", {})});
  const std::string text = set.Render("email.remind.text", data);
  CHECK(text.find("1. 第2项　扩大有效投资\n"
                  "   报送2026年第一季度进展情况，截止日期2026年4月8日，距截止还有5天。\n"
                  "   目标：≥100亿元；上次报送：未报送。\n"
                  "2. 第3项　优化营商环境\n"
                  "   报送2026年第一季度进展情况，截止日期2026年4月8日，距截止还有5天。\n"
                  "\n请按时报送") != std::string::npos);
  for (const char* name : {"email.remind.text", "email.remind.html", "webhook.remind.text",
                           "webhook.remind.markdown", "email.urge.text", "email.supervise.text"}) {
    INFO(name);
    CHECK(set.Render(name, RemindData({Remind("3", "优化营商环境", {})})).find("目标") ==
          std::string::npos);
  }
}

TEST_CASE("Templates may name the target fields and a typo among them is refused", "[notice][targets]") {
  CHECK_FALSE(CheckTemplateFields(
      "{{#items}}{{#targets}}{{name}} {{target}} {{last_value}} {{last_date}} {{last_agency}} "
      "{{status}} {{status_zh}}{{#behind}}!{{/behind}} {{line}}{{/targets}}{{targets_line}}{{/items}}"
      "{{#task}}{{#task.targets}}{{name}}{{/task.targets}}{{task.targets_line}}{{/task}}",
      NoticeFields()));
  const auto problem = CheckTemplateFields("{{#items}}{{#targets}}{{last_vlaue}}{{/targets}}{{/items}}",
                                           NoticeFields());
  REQUIRE(problem);
  CHECK(problem->message.find("last_vlaue") != std::string::npos);
}

}  // namespace
}  // namespace duban
