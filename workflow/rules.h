// Rules: whom to remind before a due date (提醒), and the escalation ladder after a missed
// one (催办 urge → 督办 supervise → 通报 circulate), when messages may go out, and when a
// task turns yellow. Plain values loaded from [rules] in config; pure.
#ifndef DUBAN_WORKFLOW_RULES_H_
#define DUBAN_WORKFLOW_RULES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/plan.h"

namespace duban {

enum class Level { kRemind, kUrge, kSupervise, kCirculate };
std::string_view LevelName(Level level);    // "remind", "urge", "supervise", "circulate"
std::string_view LevelNameZh(Level level);  // "提醒", "催办", "督办", "通报"
std::optional<Level> ParseLevel(std::string_view name);  // English or Chinese

enum class Recipient {
  kContact,       // the agency's working contact
  kLeadership,    // the agency's leadership contact
  kOffice,        // the coordinating office (领导小组办公室)
  kLeadingGroup,  // the leading group (领导小组)
};
std::string_view RecipientName(Recipient recipient);  // "contact", "leadership", "office", "leading_group"
std::optional<Recipient> ParseRecipient(std::string_view name);

enum class Channel { kEmail, kWebhook };
std::string_view ChannelName(Channel channel);  // "email", "webhook"
std::optional<Channel> ParseChannel(std::string_view name);

// Reminders before an agency's due date.
struct ReminderRule {
  std::vector<Role> roles;                  // empty = every role
  std::vector<int> offsets = {10, 3, 1};    // working days before the agency's due date, each > 0
  std::vector<Recipient> recipients = {Recipient::kContact};
  std::vector<Channel> channels = {Channel::kEmail};

  bool operator==(const ReminderRule&) const = default;
};

// One rung of the escalation ladder after a missed due date.
struct EscalationStep {
  std::string name;  // unique, part of notification keys: "urge", "supervise", "circulate"
  Level level = Level::kUrge;
  int delay_working_days = 1;  // after the missed due date (1 = the next working day)
  std::vector<Role> roles;     // empty = every role
  std::vector<Recipient> recipients = {Recipient::kContact};
  std::vector<Channel> channels = {Channel::kEmail};
  int repeat_every_working_days = 0;  // 0 = once; otherwise again every N working days
  int max_repeats = 0;                // with repeat: how many repeats at most (0 = until feedback)

  bool operator==(const EscalationStep&) const = default;
};

// When messages go out, in local time.
struct SendWindow {
  int send_minute = 9 * 60;         // local minute of day at which a day's messages go out
  int quiet_start_minute = 20 * 60; // quiet hours start (inclusive) ...
  int quiet_end_minute = 8 * 60;    // ... and end (exclusive); may wrap past midnight
  bool IsQuiet(int minute_of_day) const;

  bool operator==(const SendWindow&) const = default;
};

// 红黄绿灯: yellow when an agency's due date is near and it has not reported.
struct LightRule {
  int yellow_working_days = 5;  // yellow within this many working days of the due date
  double yellow_share = 0.3;    // ... or when less than this share of the period is left
  // A confirmed target that is behind (workflow/target_status.h) turns an otherwise green
  // task yellow ([rules.light] behind_target = "yellow"); off by default.
  bool behind_target_yellow = false;

  bool operator==(const LightRule&) const = default;
};

// What to do with actions that fell due while the daemon was down.
enum class CatchUp {
  kLatestOnly,  // per task, agency and occurrence, send only the latest step (default)
  kAll,         // send every missed action
  kNone,        // send none of them; record them as skipped
};
std::string_view CatchUpName(CatchUp policy);  // "latest", "all", "none"
std::optional<CatchUp> ParseCatchUp(std::string_view name);

struct Rules {
  std::vector<ReminderRule> reminders;
  std::vector<EscalationStep> escalation;  // in ladder order (non-decreasing delay)
  SendWindow send;
  LightRule light;
  CatchUp catch_up = CatchUp::kLatestOnly;
  int64_t catch_up_grace_seconds = 3600;  // an action later than this at wake-up was missed

  // The defaults an office starts from: reminders 10, 3 and 1 working days before to
  // every role; urge the contact 1 working day after, repeated every 3 working days;
  // supervise (leadership, copy to the office) after 5; circulate (office and leading
  // group) after 10.
  static Rules Defaults();

  bool operator==(const Rules&) const = default;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_RULES_H_
