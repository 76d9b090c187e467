#include "config/delivery_checks.h"

#include <algorithm>
#include <string>
#include <vector>

#include "config/endpoint_url.h"
#include "config/value_reader.h"
#include "config/webhook_schema.h"

namespace duban::config_internal {
namespace {

// --- references ---

void CheckReference(const toml::node* node, const std::string& field, const std::vector<std::string_view>& names,
                    ErrorSink& sink) {
  const auto* text = node != nullptr ? node->as_string() : nullptr;
  if (text == nullptr || text->get().empty()) return;  // none, or a type error reported already
  const std::string& name = text->get();
  if (CheckWebhookName(name)) return;  // not a name at all: reported where it was read
  if (std::find(names.begin(), names.end(), name) != names.end()) return;
  std::string message = "no [[webhook]] is named \"" + name + "\"";
  if (names.empty()) {
    message += " (the file defines no [[webhook]])";
  } else if (auto close = ClosestMatch(name, names)) {
    message += " (did you mean \"" + std::string(*close) + "\"?)";
  }
  sink.Add(PositionOf(node->source()), field, std::move(message));
}

// --- rules that send by webhook ---

// One reminder rule or escalation step that has channel "webhook".
struct WebhookRule {
  std::string label;          // "reminder[0]", "escalation step urge"
  const toml::node* channel;  // its "webhook" element in the file, or nullptr
  std::string channel_field;  // "rules.reminder[0].channels[1]" or "rules.reminder[0].channels"
  const std::vector<Recipient>* recipients;
};

bool Has(const std::vector<Recipient>& recipients, Recipient r) {
  return std::find(recipients.begin(), recipients.end(), r) != recipients.end();
}

template <typename Rule>
void CollectWebhookRules(const toml::table& root, std::string_view list, const std::vector<Rule>& rules,
                         std::string (*label)(const Rule&, std::size_t), std::vector<WebhookRule>& out) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& channels = rules[i].channels;
    if (std::find(channels.begin(), channels.end(), Channel::kWebhook) == channels.end()) continue;
    WebhookRule rule{label(rules[i], i), nullptr,
                     IndexField("rules." + std::string(list), i) + ".channels", &rules[i].recipients};
    const toml::node* node = root.at_path("rules")[list][i]["channels"].node();
    if (const toml::array* array = node != nullptr ? node->as_array() : nullptr) {
      for (std::size_t j = 0; j < array->size(); ++j) {
        const auto* text = array->get(j)->as_string();
        if (text == nullptr || ParseChannel(text->get()) != Channel::kWebhook) continue;
        rule.channel = array->get(j);
        rule.channel_field = IndexField(rule.channel_field, j);
        break;
      }
    }
    out.push_back(std::move(rule));
  }
}

std::string ReminderLabel(const ReminderRule&, std::size_t i) { return IndexField("reminder", i); }
std::string StepLabel(const EscalationStep& step, std::size_t) { return "escalation step " + step.name; }

void WarnAtRule(const WebhookRule& rule, std::string message, ErrorSink& warnings) {
  warnings.Add(rule.channel != nullptr ? PositionOf(rule.channel->source()) : SourcePos{}, rule.channel_field,
               std::move(message));
}

std::string JoinLabels(const std::vector<const WebhookRule*>& rules) {
  std::string out;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (i > 0) out += i + 1 == rules.size() ? " and " : ", ";
    out += rules[i]->label;
  }
  return out;
}

// Contact and leadership of an agency are both reached through its one chat group.
void CheckAgencies(const toml::table& root, const Config& config, const std::vector<WebhookRule>& rules,
                   ErrorSink& warnings) {
  std::vector<const WebhookRule*> to_agencies;
  for (const WebhookRule& rule : rules) {
    if (Has(*rule.recipients, Recipient::kContact) || Has(*rule.recipients, Recipient::kLeadership)) {
      to_agencies.push_back(&rule);
    }
  }
  if (to_agencies.empty()) return;
  if (config.agencies.empty()) {
    for (const WebhookRule* rule : to_agencies) {
      WarnAtRule(*rule, rule->label + " sends to agencies by webhook, but no [[agency]] names a webhook", warnings);
    }
    return;
  }
  const std::string sends = JoinLabels(to_agencies) + (to_agencies.size() == 1 ? " sends" : " send");
  for (std::size_t i = 0; i < config.agencies.size(); ++i) {
    const AgencyInfo& agency = config.agencies[i];
    if (!agency.webhook.empty()) continue;
    const toml::node* table = root.at_path("agency")[i].node();
    warnings.Add(table != nullptr ? PositionOf(table->source()) : SourcePos{}, IndexField("agency", i) + ".webhook",
                 "agency " + agency.name + " has no webhook, but " + sends + " to it by webhook");
  }
}

void CheckOffice(const Config& config, const std::vector<WebhookRule>& rules, ErrorSink& warnings) {
  struct Target {
    Recipient recipient;
    const char* who;
    const char* key;
    const std::string* webhook;
  };
  const Target targets[] = {{Recipient::kOffice, "the office", "webhook", &config.office.webhook},
                            {Recipient::kLeadingGroup, "the leading group", "leading_group_webhook",
                             &config.office.leading_group_webhook}};
  for (const WebhookRule& rule : rules) {
    for (const Target& target : targets) {
      if (!target.webhook->empty() || !Has(*rule.recipients, target.recipient)) continue;
      WarnAtRule(rule,
                 rule.label + " sends to " + target.who + " by webhook, but [office] " + target.key + " is not set",
                 warnings);
    }
  }
}

void CheckSmtpLogin(const toml::table& root, const Config& config, ErrorSink& warnings) {
  const MailConfig& mail = config.mail;
  if (mail.transport != "smtp" || !mail.username.empty()) return;
  auto url = ParseEndpointUrl(mail.url);
  if (!url.ok() || IsLoopbackHost(url->host)) return;
  const toml::node* node = root.at_path("mail.url").node();
  warnings.Add(node != nullptr ? PositionOf(node->source()) : SourcePos{}, "mail.url",
               "mail goes to " + url->host + " without logging in (username is not set); most "
               "servers refuse to relay mail for a client that does not authenticate");
}

}  // namespace

void CheckWebhookReferences(const toml::table& root, const Config& config, ErrorSink& sink) {
  std::vector<std::string_view> names;
  for (const WebhookConfig& hook : config.webhooks) {
    if (!hook.name.empty()) names.push_back(hook.name);
  }
  if (const toml::array* agencies = root.get_as<toml::array>("agency")) {
    for (std::size_t i = 0; i < agencies->size(); ++i) {
      CheckReference(root.at_path("agency")[i]["webhook"].node(), IndexField("agency", i) + ".webhook", names,
                     sink);
    }
  }
  CheckReference(root.at_path("office.webhook").node(), "office.webhook", names, sink);
  CheckReference(root.at_path("office.leading_group_webhook").node(), "office.leading_group_webhook", names, sink);
}

void CheckDeliveryReachable(const toml::table& root, const Config& config, ErrorSink& warnings) {
  std::vector<WebhookRule> rules;
  CollectWebhookRules<ReminderRule>(root, "reminder", config.rules.reminders, &ReminderLabel, rules);
  CollectWebhookRules<EscalationStep>(root, "escalation", config.rules.escalation, &StepLabel, rules);
  CheckAgencies(root, config, rules, warnings);
  CheckOffice(config, rules, warnings);
  CheckSmtpLogin(root, config, warnings);
}

}  // namespace duban::config_internal
