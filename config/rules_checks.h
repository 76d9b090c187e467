// Checks of [rules] across values: the escalation ladder as a whole (names unique, steps in
// order, every step addressed to someone), send_time against quiet_hours, and whether the
// office and the leading group can be reached at all. Each problem is reported at the
// value it concerns, so the office can fix the file in one pass.
//
// Internal to config/ (rules_schema.cpp). Stateless; thread-safe.
#ifndef DUBAN_CONFIG_RULES_CHECKS_H_
#define DUBAN_CONFIG_RULES_CHECKS_H_

#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "config/config.h"
#include "config/value_reader.h"

namespace duban::config_internal {

// One [[rules.escalation]] table as read, with where its values were.
struct StepDraft {
  EscalationStep step;
  std::string field;  // "rules.escalation[1]"
  std::optional<Located> name_at;
  std::optional<Located> delay_at;
  std::optional<Located> recipients_at;
  std::optional<Located> channels_at;
  std::optional<Located> max_repeats_at;
};

// [rules] as read: the rules (defaults where the file is silent) and where the send
// window came from.
struct RulesDraft {
  Rules rules;
  std::optional<Located> send_time_at;
  std::optional<Located> quiet_hours_at;
};

// Errors: a step with no recipients or no channels, max_repeats without a repeat
// interval, a name used twice (at the second), a step whose after_working_days is less
// than an earlier step's (at the later one).
void CheckLadder(const std::vector<StepDraft>& steps, ErrorSink& sink);

// Error when send_time falls in quiet hours: nothing would ever go out. Reported at
// send_time when the file sets it, else at quiet_hours.
void CheckSendWindow(const RulesDraft& draft, ErrorSink& sink);

// Warnings for each recipient "office" or "leading_group" of a reminder or escalation
// step sending by e-mail when config.office has no address for it, at the recipient's position in `root`
// (line 0 for the default rules, which the file does not write out). Warnings, not
// errors: see rules_schema.h.
void CheckRecipientsReachable(const toml::table& root, const Config& config, ErrorSink& warnings);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_RULES_CHECKS_H_
