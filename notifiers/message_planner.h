// The message planner: turns the decided actions whose time has come (pending outbox
// rows) into the messages that carry them, rendered from the templates. A pure function:
// no clock (now is passed in), no I/O; the caller writes the plan with
// Store::QueueMessages in one transaction.
//
// For each row still owed, every recipient × channel of its action is resolved
// (recipient_targets.h) and the action joins one message per target:
//   digest "agency": one message per (channel, target, send slot = action.at) listing all
//                    its actions, grouped by role and level (notice_data.h);
//   digest "task":   one per (channel, target, send slot, task).
// An action reaching several targets is in several messages. An action with no target at
// all is `undeliverable`, its reason naming each recipient and what is missing. An action
// with some targets missing is delivered to the others; the misses travel with it (the
// `unreached` template field, shown by the default 督办/通报 templates in the office's
// copy, and "unreached" in data_json) and are returned as warnings for the log.
//
// Message fields: key "<channel>|<target>|<at>|<lowest outbox id>"; recipient_name from
// its addressees ("省发改委", "省发改委（领导）", office name, "领导小组"; joined with "、"
// when one address serves several); level the highest of its actions, whose templates
// render it; email: subject, text and (if [mail] html) html; webhook: subject (the email
// subject template, as the chat title) and text from webhook.<level>.text or .markdown
// per the target's format; data_json the items (notice_data.h NoticeItemsJson); thread
// "task:<ref>" per task, else "agency:<name>" for one agency's contact or leadership,
// "office:<target>" when only the office or leading group is addressed, "target:<target>"
// when one address serves several agencies.
//
// Deterministic: the same inputs give the same plan. Messages are ordered by (at,
// channel, target, task ref), items within by role, level (highest first), task ref.
#ifndef DUBAN_NOTIFIERS_MESSAGE_PLANNER_H_
#define DUBAN_NOTIFIERS_MESSAGE_PLANNER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "notifiers/notice_data.h"
#include "notifiers/templates.h"
#include "workflow/agency.h"
#include "workflow/message.h"
#include "workflow/store.h"
#include "workflow/time_zone.h"

namespace duban {

// Everything the planner consults besides the rows. The references must outlive the call.
struct PlanningContext {
  const TemplateSet& templates;
  const TimeZone& zone;                         // for the dates in the text
  const std::vector<AgencyInfo>& agencies;      // by canonical name (Config::agencies)
  const OfficeConfig& office;
  const std::vector<WebhookConfig>& webhooks;   // for each target's format
  const DeliveryConfig& delivery;               // digest: "agency" or "task"
  const MailConfig& mail;                       // html: render the text/html part
  // Why a row is no longer owed (feedback arrived, the task was completed or suspended),
  // or nullopt while it still is. Empty: every row is owed.
  std::function<std::optional<std::string>(const OutboxRow&)> no_longer_owed;
  // Title and section of a task by ref. Empty, or an unknown ref: an empty summary.
  std::function<TaskSummary(std::string_view ref)> task_summary;
};

// Plans `due`: rows in state "pending" with action.at <= now; any other row is left out
// of the plan (neither cancelled nor messaged). `warnings`, if given, receives one English
// line per recipient that could not be reached for an action delivered to others.
MessagePlan PlanMessages(const std::vector<OutboxRow>& due, const PlanningContext& context,
                         int64_t now, std::vector<std::string>* warnings = nullptr);

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_MESSAGE_PLANNER_H_
