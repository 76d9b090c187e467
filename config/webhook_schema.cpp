#include "config/webhook_schema.h"

#include <algorithm>
#include <optional>

#include "config/endpoint_url.h"
#include "config/secret_fields.h"
#include "config/secret_reader.h"

namespace duban::config_internal {
namespace {

const std::vector<std::string_view> kKinds = {"standard", "dingtalk", "wecom", "feishu"};

struct WebhookDraft {
  WebhookConfig hook;
  std::optional<Located> name_at;
  bool kind_valid = false;  // checks by kind only once the kind is known
  bool rate_given = false;
  SecretDraft secret;
};

std::optional<std::string> CheckKind(std::string_view kind) {
  for (std::string_view known : kKinds) {
    if (kind == known) return std::nullopt;
  }
  std::string message = "\"" + std::string(kind) + "\" is not a webhook kind; use standard, dingtalk, wecom or feishu";
  if (auto close = ClosestMatch(kind, kKinds)) message += " (did you mean \"" + std::string(*close) + "\"?)";
  return message;
}

std::optional<std::string> CheckFormat(std::string_view format) {
  if (format == "text" || format == "markdown") return std::nullopt;
  return "\"" + std::string(format) + "\" is not a message format; use text or markdown";
}

// Clear-text http:// only where nothing crosses a network; never credentials in the URL.
void ReadUrl(ValueReader& in, WebhookDraft& d) {
  auto text = in.String();
  if (!text) return;
  auto url = ParseEndpointUrl(*text);
  if (!url.ok()) return in.Error("webhook URL " + url.status().message());
  if (url->scheme == "http" && !IsLoopbackHost(url->host)) {
    return in.Error("webhook URL must use https:// (http:// is allowed only to loopback: "
                    "127.0.0.1, ::1, localhost), not http:// to " + url->host);
  }
  if (url->scheme != "https" && url->scheme != "http") return in.Error("webhook URL must start with https://");
  if (url->has_userinfo) {
    return in.Error("webhook URL must not carry a user name or password; put secrets in "
                    "secret_file or secret_env");
  }
  d.hook.url = std::move(*text);
}

// clang-format off
const FieldSpec<WebhookDraft> kWebhookFields[] = {
    {"name",
     [](ValueReader& in, WebhookDraft& d) { Assign(in.String(&CheckWebhookName), d.hook.name); d.name_at = in.where(); },
     nullptr, /*required=*/true},
    {"kind",
     [](ValueReader& in, WebhookDraft& d) {
       auto kind = in.String(&CheckKind);
       d.kind_valid = kind.has_value();
       Assign(std::move(kind), d.hook.kind);
     },
     nullptr, /*required=*/true},
    {"url", &ReadUrl, nullptr, /*required=*/true},
    {"secret_file", [](ValueReader& in, WebhookDraft& d) { ReadSecretFile(in, d.secret); }, nullptr},
    {"secret_env", [](ValueReader& in, WebhookDraft& d) { ReadSecretEnv(in, d.secret); }, nullptr},
    {"secret", [](ValueReader& in, WebhookDraft& d) { RefuseInlineSecret(in, "secret", d.secret); }, nullptr},
    {"format", [](ValueReader& in, WebhookDraft& d) { Assign(in.String(&CheckFormat), d.hook.format); }, nullptr},
    {"rate_limit_per_minute",
     [](ValueReader& in, WebhookDraft& d) {
       Assign(in.Integer(0, 10000), d.hook.rate_limit_per_minute);
       d.rate_given = true;
     },
     nullptr},
    {"ca_file", [](ValueReader& in, WebhookDraft& d) { Assign(ReadCaFile(in), d.hook.ca_file); }, nullptr},
    {"timeout_seconds", [](ValueReader& in, WebhookDraft& d) { Assign(in.Integer(1, 600), d.hook.timeout_seconds); }, nullptr},
};
// clang-format on

bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// The kind's needs of the secret, once it is read. Messages say where the secret came
// from, never what it is.
void CheckSecretForKind(const WebhookDraft& d, const toml::table& table, const std::string& field,
                        ErrorSink& sink) {
  const std::string& kind = d.hook.kind;
  if (!d.secret.given()) {
    if (kind == "standard" || kind == "wecom") {
      const std::string what = kind == "wecom" ? "the robot's key" : "a signing secret (\"whsec_\" + base64)";
      sink.Add(PositionOf(table.source()), JoinField(field, "secret_file"),
               "a " + kind + " webhook needs " + what + ": set secret_file or secret_env");
    }
    return;
  }
  const std::string& value = d.secret.secret.value;
  const std::string from = "the secret " + DescribeSecret(d.secret.secret);
  if (kind == "standard" && !IsStandardWebhookSecret(value)) {
    SecretValueError(d.secret, sink,
                     from + " is not a Standard Webhooks secret: it must be \"whsec_\" followed by base64");
  } else if (kind == "wecom" && !std::all_of(value.begin(), value.end(), &IsKeyChar)) {
    SecretValueError(d.secret, sink, from + " is not a WeCom robot key (letters, digits and '-')");
  }
}

// WeCom's key travels in the URL; duban adds it from the secret, so the URL must not.
void CheckWecomUrl(const WebhookDraft& d, const toml::table& table, const std::string& field, ErrorSink& sink) {
  if (d.hook.kind != "wecom") return;
  const std::string& url = d.hook.url;
  if (url.find("?key=") == std::string::npos && url.find("&key=") == std::string::npos) return;
  sink.Add(PositionOf(table.get("url")->source()), JoinField(field, "url"),
           "a wecom URL must not carry key=: duban adds the robot's key from secret_file or secret_env");
}

void CheckUniqueName(const WebhookDraft& d, const Config& config, ErrorSink& sink) {
  if (!d.name_at || d.hook.name.empty()) return;
  for (std::size_t i = 0; i < config.webhooks.size(); ++i) {
    if (config.webhooks[i].name != d.hook.name) continue;
    sink.Add(d.name_at->pos, d.name_at->field,
             "webhook name \"" + d.hook.name + "\" is used twice (first at " + IndexField("webhook", i) + ")");
    return;
  }
}

}  // namespace

std::optional<std::string> CheckWebhookName(std::string_view name) {
  if (name.empty()) return "must not be empty";
  if (name.size() > 64) return "webhook name \"" + std::string(name) + "\" is longer than 64 characters";
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
      return "webhook name \"" + std::string(name) + "\" may contain only a-z, 0-9, '_' and '-'";
    }
  }
  return std::nullopt;
}

int DefaultRateLimit(std::string_view kind) {
  if (kind == "dingtalk" || kind == "wecom") return 20;
  if (kind == "feishu") return 100;
  return 0;
}

bool IsStandardWebhookSecret(std::string_view secret) {
  constexpr std::string_view kPrefix = "whsec_";
  if (!secret.starts_with(kPrefix)) return false;
  const std::string_view data = secret.substr(kPrefix.size());
  if (data.empty() || data.size() % 4 != 0) return false;
  const std::size_t padding = data.ends_with("==") ? 2 : data.ends_with('=') ? 1 : 0;
  for (std::size_t i = 0; i + padding < data.size(); ++i) {
    const char c = data[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (!ok) return false;
  }
  return true;
}

std::vector<std::string_view> WebhookKeys() { return KeysOf<WebhookDraft>(kWebhookFields); }

void ReadWebhook(const toml::table& table, const std::string& field, ErrorSink& sink,
                 const LoadContext& context, Config& config) {
  WebhookDraft d;
  ReadFields<WebhookDraft>(table, kWebhookFields, SectionLabel("webhook", true), field, sink, context, d);
  if (!d.rate_given) d.hook.rate_limit_per_minute = DefaultRateLimit(d.hook.kind);
  CheckWecomUrl(d, table, field, sink);
  CheckUniqueName(d, config, sink);
  if (ResolveSecret(d.secret, "secret", sink, context) && d.kind_valid) {
    CheckSecretForKind(d, table, field, sink);
    d.hook.secret = d.secret.secret;
  }
  config.webhooks.push_back(std::move(d.hook));
}

void DescribeWebhooks(std::string_view name, const Config& config, std::string& out) {
  for (std::size_t i = 0; i < config.webhooks.size(); ++i) {
    const WebhookConfig& hook = config.webhooks[i];
    if (i > 0) out += '\n';
    out += SectionLabel(name, true) + '\n';
    out += "name = " + TomlString(hook.name) + '\n';
    out += "kind = " + TomlString(hook.kind) + '\n';
    out += "url = " + TomlString(hook.url) + '\n';
    DescribeSecretKeys("secret", hook.secret, out);
    out += "format = " + TomlString(hook.format) + '\n';
    out += "rate_limit_per_minute = " + TomlInt(hook.rate_limit_per_minute) + '\n';
    out += "ca_file = " + TomlString(hook.ca_file.string()) + '\n';
    out += "timeout_seconds = " + TomlInt(hook.timeout_seconds) + '\n';
  }
}

}  // namespace duban::config_internal
