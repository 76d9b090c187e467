// Notice data: what a template sees of one message. The planner (message_planner.h)
// decides which actions go into which message; this file turns such a draft into the
// template fields of template_fields.h (grouped by role and level, and by agency, with
// Chinese dates and what is due) and into the structured items of Message::data_json.
//
// Pure functions over values; thread-safe.
#ifndef DUBAN_NOTIFIERS_NOTICE_DATA_H_
#define DUBAN_NOTIFIERS_NOTICE_DATA_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "notifiers/notice_targets.h"
#include "workflow/civil_date.h"
#include "workflow/evaluator.h"

namespace duban {

// What a notice shows of a task: a short title (TaskHeadline), its section as the
// notice should show it (the daemon passes the section number, "二"), and its confirmed
// targets as they stood when the message was planned (none for most tasks).
struct TaskSummary {
  std::string title;
  std::string section;
  std::vector<NoticeTarget> targets;
};

// One decided action as a message lists it.
struct NoticeItem {
  int64_t outbox_id = 0;
  Action action;
  TaskSummary task;
};

// Someone a message is addressed to: the kind of recipient and, for contact and
// leadership, the agency.
struct Addressee {
  Recipient kind = Recipient::kContact;
  std::string agency;
  bool operator==(const Addressee&) const = default;
};

// A recipient of one of the message's actions that could not be reached, for the office
// to follow up (shown in its copy when templates ask for `unreached`).
struct UnreachedNote {
  int64_t outbox_id = 0;  // the action
  std::string recipient;  // display name: "省科技厅（领导）"
  std::string agency;     // the agency the action concerns
  std::string ref;        // the task
  std::string missing;    // Chinese, for notices: "未配置领导邮箱"
  std::string reason;     // English, for logs: "省科技厅 has no leadership_email (督办 to leadership)"
  bool operator==(const UnreachedNote&) const = default;
};

struct NoticeDraft {
  std::vector<Addressee> addressees;  // distinct, first seen first (usually one)
  std::vector<NoticeItem> items;      // in NoticeItemLess order
  std::vector<UnreachedNote> unreached;
};

// "省发改委", "省发改委（领导）", `office_name`, "领导小组".
std::string AddresseeName(const Addressee& addressee, std::string_view office_name);
// "省发改委", "省发改委负责同志", `office_name`, "领导小组各成员单位".
std::string Salutation(const Addressee& addressee, std::string_view office_name);

// Item order within a message: role (lead, participant, responsible), then level, highest
// first, then task ref in natural order ("2" < "10"), agency, occurrence, outbox id.
bool NoticeItemLess(const NoticeItem& a, const NoticeItem& b);
// "2" < "10" < "二.3": digit runs compare by value, the rest bytewise.
bool NaturalLess(std::string_view a, std::string_view b);

// "2026年3月5日".
std::string ChineseDate(CivilDate date);
// What an agency in `role` owes for occurrence `id`: "报送2026年第三季度进展情况",
// "向牵头单位报送2026年7月进展情况", "报送任务办结情况".
std::string DueWhat(Role role, std::string_view occurrence);

// The template data of `draft` (an object with every top-level field), dates counted
// from `today` (the local date the notice is written).
nlohmann::json NoticeTemplateData(const NoticeDraft& draft, std::string_view office_name,
                                  CivilDate today);

// Message::data_json: one object per item, in order, with English names for machines:
// {"outbox_id", "key", "ref", "title", "section", "agency", "role", "level", "step",
//  "repeat", "due", "occurrence", "days_overdue", "reason", "targets"} ("targets" as
// NoticeTargetsJson, [] without any), plus "unreached" (a list of {"recipient", "reason"})
// when some recipient of that action could not be reached.
nlohmann::json NoticeItemsJson(const NoticeDraft& draft, CivilDate today);

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_NOTICE_DATA_H_
