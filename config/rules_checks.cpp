#include "config/rules_checks.h"

#include <algorithm>

#include "config/rules_schema.h"

namespace duban::config_internal {
namespace {

void Report(ErrorSink& sink, const std::optional<Located>& at, const std::string& fallback_field,
            std::string message) {
  if (at) {
    sink.Add(at->pos, at->field, std::move(message));
  } else {
    sink.Add({}, fallback_field, std::move(message));
  }
}

std::string StepLabel(const StepDraft& d) {
  return d.step.name.empty() ? d.field : d.step.name;
}

void CheckStep(const StepDraft& d, ErrorSink& sink) {
  const std::string label = "escalation step " + StepLabel(d);
  if (d.step.recipients.empty()) Report(sink, d.recipients_at, d.field, label + " has no recipients");
  if (d.step.channels.empty()) Report(sink, d.channels_at, d.field, label + " has no channels");
  if (d.step.max_repeats > 0 && d.step.repeat_every_working_days == 0) {
    Report(sink, d.max_repeats_at, d.field,
           label + ": max_repeats needs repeat_every_working_days (without it the step is sent once)");
  }
}

void CheckUniqueName(const std::vector<StepDraft>& steps, std::size_t i, ErrorSink& sink) {
  const StepDraft& d = steps[i];
  if (!d.name_at || d.step.name.empty()) return;
  for (std::size_t j = 0; j < i; ++j) {
    if (steps[j].name_at && steps[j].step.name == d.step.name) {
      sink.Add(d.name_at->pos, d.name_at->field,
               "escalation step name \"" + d.step.name + "\" is used twice (first at " +
                   steps[j].field + ", line " + std::to_string(steps[j].name_at->pos.line) + ")");
      return;
    }
  }
}

// The element of rules.<list>[index].recipients that names `recipient`, if the file has it.
const toml::node* RecipientNode(const toml::table& root, std::string_view list, std::size_t index,
                                Recipient recipient, std::size_t* position) {
  const toml::node* node = root.at_path("rules")[list][index]["recipients"].node();
  const toml::array* array = node != nullptr ? node->as_array() : nullptr;
  if (array == nullptr) return nullptr;
  for (std::size_t j = 0; j < array->size(); ++j) {
    const auto* text = array->get(j)->as_string();
    if (text != nullptr && ParseRecipient(text->get()) == recipient) {
      *position = j;
      return array->get(j);
    }
  }
  return nullptr;
}

struct Unreachable {
  Recipient recipient;
  const char* key;  // of [office]
};

template <typename Rule>
void CheckList(const toml::table& root, const Config& config, std::string_view list,
               const std::vector<Rule>& rules, std::string (*label)(const Rule&), ErrorSink& warnings) {
  const Unreachable unreachable[] = {{Recipient::kOffice, "email"},
                                     {Recipient::kLeadingGroup, "leading_group_email"}};
  for (std::size_t i = 0; i < rules.size(); ++i) {
    for (const Unreachable& u : unreachable) {
      const std::string& address = u.recipient == Recipient::kOffice ? config.office.email
                                                                     : config.office.leading_group_email;
      const auto& recipients = rules[i].recipients;
      const auto& channels = rules[i].channels;
      // Only e-mail needs the address; webhooks are CheckDeliveryReachable's (delivery_checks.h).
      if (!address.empty() || std::find(recipients.begin(), recipients.end(), u.recipient) == recipients.end() ||
          std::find(channels.begin(), channels.end(), Channel::kEmail) == channels.end()) {
        continue;
      }
      const std::string field = IndexField("rules." + std::string(list), i) + ".recipients";
      std::size_t j = 0;
      const toml::node* node = RecipientNode(root, list, i, u.recipient, &j);
      const std::string message = (node ? "" : "default ") + label(rules[i]) + ": recipient " +
                                  std::string(RecipientName(u.recipient)) +
                                  " can never be reached: [office] " + u.key + " is not set";
      if (node != nullptr) {
        warnings.Add(PositionOf(node->source()), IndexField(field, j), message);
      } else {
        warnings.Add({}, field, message);
      }
    }
  }
}

std::string ReminderLabel(const ReminderRule&) { return "reminder"; }
std::string StepName(const EscalationStep& step) { return "escalation step " + step.name; }

}  // namespace

void CheckRecipientsReachable(const toml::table& root, const Config& config, ErrorSink& warnings) {
  CheckList<ReminderRule>(root, config, "reminder", config.rules.reminders, &ReminderLabel, warnings);
  CheckList<EscalationStep>(root, config, "escalation", config.rules.escalation, &StepName, warnings);
}

void CheckLadder(const std::vector<StepDraft>& steps, ErrorSink& sink) {
  const StepDraft* latest = nullptr;  // the earlier step with the largest delay
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const StepDraft& d = steps[i];
    CheckStep(d, sink);
    CheckUniqueName(steps, i, sink);
    if (!d.delay_at) continue;
    if (latest != nullptr && d.step.delay_working_days < latest->step.delay_working_days) {
      sink.Add(d.delay_at->pos, d.delay_at->field,
               "escalation step " + StepLabel(d) + " (after " + std::to_string(d.step.delay_working_days) +
                   " working days) comes after step " + StepLabel(*latest) + " (after " +
                   std::to_string(latest->step.delay_working_days) +
                   "); list the steps in ladder order, by after_working_days");
      continue;
    }
    latest = &d;
  }
}

void CheckSendWindow(const RulesDraft& draft, ErrorSink& sink) {
  const SendWindow& send = draft.rules.send;
  if (!send.IsQuiet(send.send_minute)) return;
  const std::optional<Located>& at = draft.send_time_at ? draft.send_time_at : draft.quiet_hours_at;
  Report(sink, at, "rules.send_time",
         "send_time " + FormatClockTime(send.send_minute) + " is inside quiet_hours " +
             FormatClockTime(send.quiet_start_minute) + "-" + FormatClockTime(send.quiet_end_minute) +
             ": no message would ever go out");
}

}  // namespace duban::config_internal
