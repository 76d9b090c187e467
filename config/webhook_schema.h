// The [[webhook]] tables: chat-bot and generic webhook targets, read into
// Config::webhooks and named by [[agency]] webhook and [office] webhook /
// leading_group_webhook (those references are checked in delivery_checks.h).
//
//   [[webhook]]
//   name = "fgw-group"            # [a-z0-9_-]+, unique
//   kind = "dingtalk"             # standard | dingtalk | wecom | feishu
//   url = "https://oapi.dingtalk.com/robot/send?access_token=..."
//   secret_file = "/etc/duban/dingtalk-fgw"   # or secret_env = "NAME"
//   format = "markdown"           # text | markdown (chat bots)
//   rate_limit_per_minute = 20    # 0 = none; default by kind
//   ca_file = ""                  # "" = the system's CA store
//   timeout_seconds = 10          # 1..600
//
// The secret: standard webhooks need "whsec_" + base64 (Standard Webhooks signing);
// wecom needs the robot's key (letters, digits, '-'; it goes into the URL, so the URL must
// not carry key= itself); dingtalk and feishu take their optional 加签 secret. The url is
// https://, or http:// only to loopback, and carries no "user:pass@". Defaults of
// rate_limit_per_minute: dingtalk 20 (the robot blocks more for 10 minutes), wecom 20,
// feishu 100, standard 0. `secret = "..."` is refused: secrets are never in the config.
//
// Internal to config/. Stateless; thread-safe.
#ifndef DUBAN_CONFIG_WEBHOOK_SCHEMA_H_
#define DUBAN_CONFIG_WEBHOOK_SCHEMA_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_schema.h"

namespace duban::config_internal {

std::vector<std::string_view> WebhookKeys();

// SectionSpec::read (one [[webhook]] table, appended to config.webhooks even when it has
// errors, so config.webhooks[i] is webhook[i]) and ::describe (all of them).
void ReadWebhook(const toml::table& table, const std::string& field, ErrorSink& sink,
                 const LoadContext& context, Config& config);
void DescribeWebhooks(std::string_view name, const Config& config, std::string& out);

// A webhook name: 1..64 of a-z, 0-9, '_', '-'.
std::optional<std::string> CheckWebhookName(std::string_view name);

// rate_limit_per_minute when the file does not give it; 0 for an unknown kind.
int DefaultRateLimit(std::string_view kind);

// "whsec_" followed by non-empty, padded standard base64.
bool IsStandardWebhookSecret(std::string_view secret);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_WEBHOOK_SCHEMA_H_
