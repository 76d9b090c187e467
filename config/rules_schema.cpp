#include "config/rules_schema.h"

#include <climits>
#include <cstdio>

#include "config/rules_checks.h"

namespace duban::config_internal {
namespace {

const std::vector<std::string_view> kRoleNames = {"lead", "participant", "responsible"};
const std::vector<std::string_view> kRecipientNames = {"contact", "leadership", "office", "leading_group"};
const std::vector<std::string_view> kChannelNames = {"email", "webhook"};
const std::vector<std::string_view> kLevelNames = {"remind", "urge", "supervise", "circulate",
                                                   "提醒", "催办", "督办", "通报"};
const std::vector<std::string_view> kCatchUpNames = {"latest", "all", "none"};

constexpr int kMaxWorkingDays = 366;   // about a year and a half: beyond, a typo
constexpr int kMaxGraceMinutes = 7 * 24 * 60;

// --- values ---

template <typename E>
std::optional<E> ParseName(ValueReader& in, std::optional<E> (*parse)(std::string_view),
                           std::string_view what, const std::vector<std::string_view>& names) {
  auto text = in.String();
  if (!text) return std::nullopt;
  if (auto value = parse(*text)) return value;
  std::string message = "\"" + *text + "\" is not a " + std::string(what) + "; use ";
  for (std::size_t i = 0; i < names.size(); ++i) message += (i > 0 ? ", " : "") + std::string(names[i]);
  if (auto close = ClosestMatch(*text, names)) message += " (did you mean \"" + std::string(*close) + "\"?)";
  in.Error(std::move(message));
  return std::nullopt;
}

void ReadRoles(ValueReader& in, std::vector<Role>& roles) {
  auto values = in.NameList<Role>(&ParseRole, "role", kRoleNames);
  if (!values) return;
  if (values->empty()) return in.Error("must not be empty; leave roles out to mean every role");
  roles = std::move(*values);
}

// An empty list is left for the caller to judge ("escalation step urge has no recipients").
template <typename E>
void ReadList(ValueReader& in, std::optional<E> (*parse)(std::string_view), std::string_view what,
              const std::vector<std::string_view>& names, std::vector<E>& out) {
  if (auto values = in.NameList<E>(parse, what, names)) out = std::move(*values);
}

// Offsets count working days before the due date; 0 or less would be on or after it.
void ReadOffsets(ValueReader& in, std::vector<int>& offsets) {
  auto values = in.IntegerArray(INT_MIN, INT_MAX);
  if (!values) return;
  const auto* array = in.node().as_array();
  if (values->size() != array->size()) return;  // a non-integer, reported
  std::vector<int> result;
  bool ok = true;
  for (std::size_t i = 0; i < values->size(); ++i) {
    ValueReader item(*array->get(i), IndexField(in.field(), i), in.sink(), in.context());
    const std::int64_t offset = (*values)[i];
    if (offset < 1) {
      item.Error("reminder offset " + std::to_string(offset) +
                 " is on or after the due date; offsets count working days before it and must be "
                 "at least 1");
    } else if (offset > kMaxWorkingDays) {
      item.Error("must be at most " + std::to_string(kMaxWorkingDays) + ", got " + std::to_string(offset));
    } else if (std::find(result.begin(), result.end(), offset) != result.end()) {
      item.Error("reminder offset " + std::to_string(offset) + " is given twice");
    } else {
      result.push_back(static_cast<int>(offset));
      continue;
    }
    ok = false;
  }
  if (!ok) return;
  if (result.empty()) return in.Error("a reminder with no offsets is never sent; give at least one");
  offsets = std::move(result);
}

// --- [[rules.reminder]] ---

struct ReminderDraft {
  ReminderRule rule;
  std::optional<Located> recipients_at;
  std::optional<Located> channels_at;
};

// clang-format off
const FieldSpec<ReminderDraft> kReminderFields[] = {
    {"roles", [](ValueReader& in, ReminderDraft& d) { ReadRoles(in, d.rule.roles); }, nullptr},
    {"offsets", [](ValueReader& in, ReminderDraft& d) { ReadOffsets(in, d.rule.offsets); }, nullptr},
    {"recipients",
     [](ValueReader& in, ReminderDraft& d) {
       ReadList(in, &ParseRecipient, "recipient", kRecipientNames, d.rule.recipients);
       d.recipients_at = in.where();
     },
     nullptr},
    {"channels",
     [](ValueReader& in, ReminderDraft& d) {
       ReadList(in, &ParseChannel, "channel", kChannelNames, d.rule.channels);
       d.channels_at = in.where();
     },
     nullptr},
};
// clang-format on

void ReadReminders(ValueReader& in, Rules& rules) {
  constexpr std::string_view kLabel = "[[rules.reminder]]";
  const toml::array* array = in.ArrayOfTables(kLabel);
  if (array == nullptr) return;
  rules.reminders.clear();
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table* table = array->get(i)->as_table();
    if (table == nullptr) continue;
    ReminderDraft d;
    ReadFields<ReminderDraft>(*table, kReminderFields, kLabel, IndexField(in.field(), i), in.sink(),
                              in.context(), d);
    // Empty lists come only from the file (the defaults are not empty), so positions exist.
    if (d.rule.recipients.empty()) {
      in.sink().Add(d.recipients_at->pos, d.recipients_at->field, "reminder has no recipients");
    }
    if (d.rule.channels.empty()) {
      in.sink().Add(d.channels_at->pos, d.channels_at->field, "reminder has no channels");
    }
    rules.reminders.push_back(std::move(d.rule));
  }
}

// --- [[rules.escalation]] ---

std::optional<std::string> CheckStepName(std::string_view name) {
  if (name.empty()) return "must not be empty";
  if (name.size() > 32) return "step name \"" + std::string(name) + "\" is longer than 32 characters";
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
      return "step name \"" + std::string(name) + "\" may contain only a-z, 0-9, '_' and '-'";
    }
  }
  return std::nullopt;
}

// clang-format off
const FieldSpec<StepDraft> kStepFields[] = {
    {"name",
     [](ValueReader& in, StepDraft& d) { Assign(in.String(&CheckStepName), d.step.name); d.name_at = in.where(); },
     nullptr, /*required=*/true},
    {"level",
     [](ValueReader& in, StepDraft& d) { Assign(ParseName(in, &ParseLevel, "level", kLevelNames), d.step.level); },
     nullptr, /*required=*/true},
    {"after_working_days",
     [](ValueReader& in, StepDraft& d) {
       Assign(in.Integer(1, kMaxWorkingDays), d.step.delay_working_days);
       d.delay_at = in.where();
     },
     nullptr, /*required=*/true},
    {"roles", [](ValueReader& in, StepDraft& d) { ReadRoles(in, d.step.roles); }, nullptr},
    {"recipients",
     [](ValueReader& in, StepDraft& d) {
       ReadList(in, &ParseRecipient, "recipient", kRecipientNames, d.step.recipients);
       d.recipients_at = in.where();
     },
     nullptr},
    {"channels",
     [](ValueReader& in, StepDraft& d) {
       ReadList(in, &ParseChannel, "channel", kChannelNames, d.step.channels);
       d.channels_at = in.where();
     },
     nullptr},
    {"repeat_every_working_days",
     [](ValueReader& in, StepDraft& d) { Assign(in.Integer(0, kMaxWorkingDays), d.step.repeat_every_working_days); },
     nullptr},
    {"max_repeats",
     [](ValueReader& in, StepDraft& d) { Assign(in.Integer(0, 1000), d.step.max_repeats); d.max_repeats_at = in.where(); },
     nullptr},
};
// clang-format on

void ReadEscalation(ValueReader& in, Rules& rules) {
  constexpr std::string_view kLabel = "[[rules.escalation]]";
  const toml::array* array = in.ArrayOfTables(kLabel);
  if (array == nullptr) return;
  std::vector<StepDraft> steps;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table* table = array->get(i)->as_table();
    if (table == nullptr) continue;
    StepDraft d;
    d.field = IndexField(in.field(), i);
    ReadFields<StepDraft>(*table, kStepFields, kLabel, d.field, in.sink(), in.context(), d);
    steps.push_back(std::move(d));
  }
  CheckLadder(steps, in.sink());
  rules.escalation.clear();
  for (StepDraft& d : steps) rules.escalation.push_back(std::move(d.step));
}

// --- [rules.light] and [rules] ---

const std::vector<std::string_view> kBehindTargetNames = {"yellow", "ignore"};

// A word rather than a bool so the key reads as what it does and can grow ("red") later.
void ReadBehindTarget(ValueReader& in, LightRule& light) {
  auto text = in.String();
  if (!text) return;
  if (*text == "yellow" || *text == "ignore") {
    light.behind_target_yellow = *text == "yellow";
    return;
  }
  std::string message = "\"" + *text + "\" is not a choice; use yellow, ignore";
  if (auto close = ClosestMatch(*text, kBehindTargetNames)) message += " (did you mean \"" + std::string(*close) + "\"?)";
  in.Error(std::move(message));
}

// clang-format off
const FieldSpec<LightRule> kLightFields[] = {
    {"yellow_working_days",
     [](ValueReader& in, LightRule& l) { Assign(in.Integer(0, kMaxWorkingDays), l.yellow_working_days); },
     nullptr},
    {"yellow_share", [](ValueReader& in, LightRule& l) { Assign(in.Number(0, 1), l.yellow_share); }, nullptr},
    {"behind_target", &ReadBehindTarget, nullptr},
};
// clang-format on

void ReadLight(ValueReader& in, Rules& rules) {
  constexpr std::string_view kLabel = "[rules.light]";
  if (const toml::table* table = in.Table(kLabel)) {
    ReadFields<LightRule>(*table, kLightFields, kLabel, in.field(), in.sink(), in.context(), rules.light);
  }
}

void ReadSendTime(ValueReader& in, RulesDraft& d) {
  auto text = in.String();
  if (!text) return;
  if (auto minute = ParseClockTime(*text)) {
    d.rules.send.send_minute = *minute;
    d.send_time_at = in.where();
    return;
  }
  in.Error("\"" + *text + "\" is not a time of day; write HH:MM, e.g. \"09:00\"");
}

void ReadQuietHours(ValueReader& in, RulesDraft& d) {
  auto text = in.String();
  if (!text) return;
  d.quiet_hours_at = in.where();
  if (text->empty()) {
    d.rules.send.quiet_start_minute = d.rules.send.quiet_end_minute = 0;
    return;
  }
  const std::size_t dash = text->find('-');
  std::optional<int> start, end;
  if (dash != std::string::npos) {
    start = ParseClockTime(std::string_view(*text).substr(0, dash));
    end = ParseClockTime(std::string_view(*text).substr(dash + 1));
  }
  if (!start || !end) {
    return in.Error("\"" + *text + "\" is not a time window; write \"HH:MM-HH:MM\", e.g. "
                    "\"20:00-08:00\", or \"\" for none");
  }
  if (*start == *end) return in.Error("quiet hours start and end at the same time; write \"\" for none");
  d.rules.send.quiet_start_minute = *start;
  d.rules.send.quiet_end_minute = *end;
}

// clang-format off
const FieldSpec<RulesDraft> kRulesFields[] = {
    {"send_time", &ReadSendTime, nullptr},
    {"quiet_hours", &ReadQuietHours, nullptr},
    {"catch_up",
     [](ValueReader& in, RulesDraft& d) { Assign(ParseName(in, &ParseCatchUp, "catch-up policy", kCatchUpNames), d.rules.catch_up); },
     nullptr},
    {"catch_up_grace_minutes",
     [](ValueReader& in, RulesDraft& d) {
       if (auto minutes = in.Integer(0, kMaxGraceMinutes)) d.rules.catch_up_grace_seconds = *minutes * 60;
     },
     nullptr},
    {"reminder", [](ValueReader& in, RulesDraft& d) { ReadReminders(in, d.rules); }, nullptr},
    {"escalation", [](ValueReader& in, RulesDraft& d) { ReadEscalation(in, d.rules); }, nullptr},
    {"light", [](ValueReader& in, RulesDraft& d) { ReadLight(in, d.rules); }, nullptr},
};
// clang-format on

}  // namespace

std::optional<int> ParseClockTime(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) {
    return std::nullopt;
  }
  int hour = 0;
  int minute = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == colon) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    int& part = i < colon ? hour : minute;
    part = part * 10 + (text[i] - '0');
  }
  if (hour > 23 || minute > 59) return std::nullopt;
  return hour * 60 + minute;
}

std::string FormatClockTime(int minute_of_day) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", minute_of_day / 60 % 24, minute_of_day % 60);
  return buffer;
}

std::vector<std::string_view> RulesKeys() { return KeysOf<RulesDraft>(kRulesFields); }

std::vector<NestedTableKeys> RulesNestedKeys() {
  return {{"rules.reminder", true, KeysOf<ReminderDraft>(kReminderFields)},
          {"rules.escalation", true, KeysOf<StepDraft>(kStepFields)},
          {"rules.light", false, KeysOf<LightRule>(kLightFields)}};
}

namespace {

template <typename E>
std::string NameArray(const std::vector<E>& values, std::string_view (*name)(E)) {
  std::vector<std::string> names;
  for (const auto& value : values) names.emplace_back(name(value));
  return TomlStringArray(names);
}

void DescribeReminder(const ReminderRule& rule, std::string& out) {
  out += "\n[[rules.reminder]]\n";
  if (!rule.roles.empty()) out += "roles = " + NameArray(rule.roles, &RoleName) + '\n';
  out += "offsets = " + TomlIntArray({rule.offsets.begin(), rule.offsets.end()}) + '\n';
  out += "recipients = " + NameArray(rule.recipients, &RecipientName) + '\n';
  out += "channels = " + NameArray(rule.channels, &ChannelName) + '\n';
}

void DescribeStep(const EscalationStep& step, std::string& out) {
  out += "\n[[rules.escalation]]\n";
  out += "name = " + TomlString(step.name) + '\n';
  out += "level = " + TomlString(LevelName(step.level)) + '\n';
  out += "after_working_days = " + TomlInt(step.delay_working_days) + '\n';
  if (!step.roles.empty()) out += "roles = " + NameArray(step.roles, &RoleName) + '\n';
  out += "recipients = " + NameArray(step.recipients, &RecipientName) + '\n';
  out += "channels = " + NameArray(step.channels, &ChannelName) + '\n';
  out += "repeat_every_working_days = " + TomlInt(step.repeat_every_working_days) + '\n';
  out += "max_repeats = " + TomlInt(step.max_repeats) + '\n';
}

std::string QuietHoursText(const SendWindow& send) {
  if (send.quiet_start_minute == send.quiet_end_minute) return "";
  return FormatClockTime(send.quiet_start_minute) + "-" + FormatClockTime(send.quiet_end_minute);
}

}  // namespace

void ReadRules(const toml::table& table, const std::string& field, ErrorSink& sink,
               const LoadContext& context, Config& config) {
  RulesDraft draft;
  draft.rules = config.rules;
  ReadFields<RulesDraft>(table, kRulesFields, SectionLabel(field, false), field, sink, context, draft);
  CheckSendWindow(draft, sink);
  config.rules = std::move(draft.rules);
}

void DescribeRules(std::string_view name, const Config& config, std::string& out) {
  const Rules& rules = config.rules;
  out += SectionLabel(name, false) + '\n';
  out += "send_time = " + TomlString(FormatClockTime(rules.send.send_minute)) + '\n';
  out += "quiet_hours = " + TomlString(QuietHoursText(rules.send)) + '\n';
  out += "catch_up = " + TomlString(CatchUpName(rules.catch_up)) + '\n';
  out += "catch_up_grace_minutes = " + TomlInt(rules.catch_up_grace_seconds / 60) + '\n';
  // An empty list must be written, or reading back would bring the defaults back.
  if (rules.reminders.empty()) out += "reminder = []\n";
  if (rules.escalation.empty()) out += "escalation = []\n";
  for (const ReminderRule& rule : rules.reminders) DescribeReminder(rule, out);
  for (const EscalationStep& step : rules.escalation) DescribeStep(step, out);
  out += "\n[rules.light]\n";
  out += "yellow_working_days = " + TomlInt(rules.light.yellow_working_days) + '\n';
  out += "yellow_share = " + TomlFloat(rules.light.yellow_share) + '\n';
  out += "behind_target = " + TomlString(rules.light.behind_target_yellow ? "yellow" : "ignore") + '\n';
}

}  // namespace duban::config_internal
