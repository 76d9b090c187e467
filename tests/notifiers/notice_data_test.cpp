// Notice data: natural task order, Chinese dates and what is due, the grouped template
// fields.
#include "notifiers/notice_data.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace duban {
namespace {

using json = nlohmann::json;

CivilDate Date(const char* iso) { return *ParseCivilDate(iso); }

NoticeItem Item(int64_t id, std::string ref, std::string agency, Role role, Level level,
                const char* due) {
  NoticeItem item;
  item.outbox_id = id;
  item.action.task_ref = std::move(ref);
  item.action.agency = std::move(agency);
  item.action.role = role;
  item.action.level = level;
  item.action.due = Date(due);
  item.action.occurrence = "final";
  item.task.title = "任务" + item.action.task_ref;
  return item;
}

TEST_CASE("Task refs sort in natural order") {
  std::vector<std::string> refs = {"10", "2", "二.3", "1", "二.10", "02", "22", "a", ""};
  std::sort(refs.begin(), refs.end(), [](const std::string& a, const std::string& b) {
    return NaturalLess(a, b);
  });
  CHECK(refs == std::vector<std::string>{"", "1", "02", "2", "10", "22", "a", "二.3", "二.10"});
  CHECK_FALSE(NaturalLess("7", "7"));
  CHECK(NaturalLess("7", "7a"));
}

TEST_CASE("What is due, in words") {
  struct Case {
    Role role;
    const char* occurrence;
    const char* what;
  };
  const std::vector<Case> cases = {
      {Role::kLead, "2026-Q3", "报送2026年第三季度进展情况"},
      {Role::kResponsible, "2026-Q1", "报送2026年第一季度进展情况"},
      {Role::kParticipant, "2026-M07", "向牵头单位报送2026年7月进展情况"},
      {Role::kLead, "2026-M12", "报送2026年12月进展情况"},
      {Role::kLead, "2026-H1", "报送2026年上半年进展情况"},
      {Role::kLead, "2026-H2", "报送2026年下半年进展情况"},
      {Role::kLead, "2026-Y", "报送2026年度进展情况"},
      {Role::kLead, "final", "报送任务办结情况"},
      {Role::kParticipant, "final", "向牵头单位报送承担工作完成情况"},
      {Role::kLead, "2026-M13", "报送2026-M13进展情况"},
      {Role::kLead, "odd", "报送odd进展情况"},
  };
  for (const Case& c : cases) {
    INFO(c.occurrence);
    CHECK(DueWhat(c.role, c.occurrence) == c.what);
  }
  CHECK(ChineseDate(Date("2026-03-05")) == "2026年3月5日");
  CHECK(ChineseDate(Date("2025-12-31")) == "2025年12月31日");
}

TEST_CASE("Addressees are named and greeted by kind") {
  CHECK(AddresseeName({Recipient::kContact, "省发改委"}, "办") == "省发改委");
  CHECK(AddresseeName({Recipient::kLeadership, "省发改委"}, "办") == "省发改委（领导）");
  CHECK(AddresseeName({Recipient::kOffice, ""}, "重点工作办") == "重点工作办");
  CHECK(AddresseeName({Recipient::kLeadingGroup, ""}, "办") == "领导小组");
  CHECK(Salutation({Recipient::kLeadership, "省发改委"}, "办") == "省发改委负责同志");
  CHECK(Salutation({Recipient::kLeadingGroup, ""}, "办") == "领导小组各成员单位");
}

TEST_CASE("Template data groups items by role and level, and by agency") {
  NoticeDraft draft;
  draft.addressees = {{Recipient::kOffice, ""}};
  draft.items = {
      Item(3, "10", "省科技厅", Role::kLead, Level::kRemind, "2026-03-09"),
      Item(1, "22", "省经信委", Role::kParticipant, Level::kUrge, "2026-03-01"),
      Item(2, "2", "省科技厅", Role::kLead, Level::kUrge, "2026-03-05"),
      Item(4, "7", "省经信委", Role::kLead, Level::kUrge, "2026-02-28"),
  };
  std::sort(draft.items.begin(), draft.items.end(), NoticeItemLess);
  const json data = NoticeTemplateData(draft, "领导小组办公室", Date("2026-03-05"));

  std::vector<std::string> flat;
  for (const json& item : data["items"]) flat.push_back(item["index"].get<std::string>() + ":" + item["ref"].get<std::string>());
  CHECK(flat == std::vector<std::string>{"1:2", "2:7", "3:10", "4:22"});

  REQUIRE(data["roles"].size() == 2);
  CHECK(data["roles"][0]["role"] == "牵头");
  CHECK(data["roles"][0]["role_heading"] == "牵头任务");
  CHECK(data["roles"][0]["count"] == 3);
  REQUIRE(data["roles"][0]["levels"].size() == 2);
  CHECK(data["roles"][0]["levels"][0]["level"] == "催办");
  CHECK(data["roles"][0]["levels"][0]["count"] == 2);
  CHECK(data["roles"][0]["levels"][1]["level"] == "提醒");
  CHECK(data["roles"][0]["levels"][1]["items"][0]["index"] == "3");
  CHECK(data["roles"][1]["role"] == "参加");
  CHECK(data["roles"][1]["levels"][0]["items"][0]["ref"] == "22");

  REQUIRE(data["agencies"].size() == 2);
  CHECK(data["agencies"][0]["name"] == "省科技厅");
  CHECK(data["agencies"][0]["count"] == 2);
  CHECK(data["agencies"][0]["items"][1]["index"] == "2");
  CHECK(data["agencies"][0]["items"][1]["ref"] == "10");
  CHECK(data["agencies"][1]["name"] == "省经信委");

  CHECK(data["agency_names"] == "省科技厅、省经信委");
  CHECK(data["agency_count"] == "2");
  CHECK(data["single_agency"] == false);
  CHECK(data["show_agency"] == true);
  CHECK(data["to_office"] == true);
  CHECK(data["to_contact"] == false);
  CHECK(data["count"] == "4");
  CHECK(data["task_count"] == "4");
  CHECK(data["overdue_count"] == "2");
  CHECK(data["task"] == false);
  CHECK(data["level"] == "催办");
  CHECK(data["has_unreached"] == false);

  const json& due_today = data["items"][0];
  CHECK(due_today["due_today"] == true);
  CHECK(due_today["overdue"] == false);
  CHECK(due_today["days_left"] == "0");
  const json& late = data["items"][1];
  CHECK(late["overdue"] == true);
  CHECK(late["days_overdue"] == "5");
  CHECK(late["due"] == "2026年2月28日");
  CHECK(late["due_iso"] == "2026-02-28");
  CHECK(late["what"] == "报送任务办结情况");
  CHECK(data["items"][2]["days_left"] == "4");
}

TEST_CASE("One task gives the task object, one agency the single_agency flag") {
  NoticeDraft draft;
  draft.addressees = {{Recipient::kContact, "省科技厅"}};
  draft.items = {Item(1, "10", "省科技厅", Role::kLead, Level::kRemind, "2026-03-09")};
  draft.items[0].task.section = "二";
  draft.unreached = {{1, "省科技厅（领导）", "省科技厅", "10", "未配置领导邮箱", "why"}};
  const json data = NoticeTemplateData(draft, "办", Date("2026-03-05"));
  CHECK(data["task"] == json{{"ref", "10"},
                             {"title", "任务10"},
                             {"section", "二"},
                             {"targets", json::array()},
                             {"targets_line", ""}});
  CHECK(data["single_agency"] == true);
  CHECK(data["show_agency"] == false);
  CHECK(data["to_contact"] == true);
  CHECK(data["has_unreached"] == true);
  CHECK(data["unreached"] == json::array({{{"recipient", "省科技厅（领导）"},
                                           {"agency", "省科技厅"},
                                           {"ref", "10"},
                                           {"missing", "未配置领导邮箱"}}}));
  const json items = NoticeItemsJson(draft, Date("2026-03-05"));
  CHECK(items[0]["unreached"] == json::array({{{"recipient", "省科技厅（领导）"}, {"reason", "why"}}}));
}

}  // namespace
}  // namespace duban
