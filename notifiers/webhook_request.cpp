#include "notifiers/webhook_request.h"

#include <ctime>
#include <string>

#include <nlohmann/json.hpp>

#include "notifiers/webhook_signing.h"

namespace duban {
namespace {

using nlohmann::json;

// Never throws on text that is not UTF-8 (a bad byte becomes U+FFFD); keeps Chinese as
// UTF-8 rather than \u escapes, which matters for the bots' byte limits.
std::string Dump(const json& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// "2025-03-01T08:00:00Z"
std::string IsoUtc(int64_t seconds) {
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  char text[32];
  const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return std::string(text, length);
}

bool IsMarkdown(const WebhookConfig& target) { return target.format != "text"; }

// The chat title: the subject, or the level's name when the template left it empty.
std::string TitleOf(const Message& message) {
  return message.subject.empty() ? std::string(LevelNameZh(message.level)) : message.subject;
}

// Appends "name=value" to the URL's query. `value` must already be URL-safe.
void AppendQuery(std::string& url, std::string_view name, std::string_view value) {
  const std::size_t query = url.find('?');
  if (query == std::string::npos) {
    url += '?';
  } else if (query + 1 < url.size() && url.back() != '&') {
    url += '&';
  }
  url.append(name).append("=").append(value);
}

bool QueryHasParameter(std::string_view url, std::string_view name) {
  const std::size_t query = url.find('?');
  if (query == std::string_view::npos) return false;
  std::string_view rest = url.substr(query + 1);
  rest = rest.substr(0, rest.find('#'));
  while (!rest.empty()) {
    const std::size_t end = rest.find('&');
    const std::string_view pair = rest.substr(0, end);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=') {
      return true;
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return false;
}

Result<WebhookRequest> BuildStandard(const WebhookConfig& target, const Message& message,
                                     int64_t now_ms) {
  json items = json::array();
  if (!message.data_json.empty()) {
    items = json::parse(message.data_json, nullptr, /*allow_exceptions=*/false);
    if (!items.is_array()) {
      return Status::InvalidArgument("message " + message.key +
                                     ": data_json is not a JSON array");
    }
  }
  const std::string id = WebhookIdFor(message.key);
  // The event's time is when the notice was decided, so the body of a resend is the same;
  // webhook-timestamp (below) is the attempt's.
  const int64_t event_seconds = message.created_at > 0 ? message.created_at : now_ms / 1000;
  json body = {
      {"type", "duban.notice"},
      {"id", id},
      {"timestamp", IsoUtc(event_seconds)},
      {"level", std::string(LevelName(message.level))},
      {"level_zh", std::string(LevelNameZh(message.level))},
      {"recipient", message.recipient_name},
      {"subject", message.subject},
      {"text", message.text},
      {"items", std::move(items)},
  };
  WebhookRequest request{target.url, {}, Dump(body)};
  const int64_t now_seconds = now_ms / 1000;
  Result<std::string> signature =
      SignStandardWebhook(target.secret.value, id, now_seconds, request.body);
  if (!signature.ok()) {
    return Status::InvalidArgument("webhook " + target.name + ": " +
                                   signature.status().message());
  }
  request.headers = {"webhook-id: " + id, "webhook-timestamp: " + std::to_string(now_seconds),
                     "webhook-signature: " + *signature};
  return request;
}

WebhookRequest BuildDingTalk(const WebhookConfig& target, const Message& message,
                             int64_t now_ms) {
  const std::string content = TruncateUtf8(message.text, kChatContentLimit);
  json body;
  if (IsMarkdown(target)) {
    body = {{"msgtype", "markdown"},
            {"markdown", {{"title", TitleOf(message)}, {"text", content}}}};
  } else {
    body = {{"msgtype", "text"}, {"text", {{"content", content}}}};
  }
  WebhookRequest request{target.url, {}, Dump(body)};
  if (!target.secret.value.empty()) {
    AppendQuery(request.url, "timestamp", std::to_string(now_ms));
    AppendQuery(request.url, "sign", SignDingTalk(target.secret.value, now_ms));
  }
  return request;
}

Result<WebhookRequest> BuildWeCom(const WebhookConfig& target, const Message& message) {
  const std::string content = TruncateUtf8(message.text, kWeComContentLimit);
  const char* type = IsMarkdown(target) ? "markdown" : "text";
  const json body = {{"msgtype", type}, {type, {{"content", content}}}};
  WebhookRequest request{target.url, {}, Dump(body)};
  if (!QueryHasParameter(request.url, "key")) {
    if (target.secret.value.empty()) {
      return Status::InvalidArgument("webhook " + target.name +
                                     ": a wecom robot needs its key (secret, or key= in the url)");
    }
    AppendQuery(request.url, "key", signing::PercentEncode(target.secret.value));
  }
  return request;
}

// Feishu's card header colours by level: the more pressing, the warmer.
std::string_view FeishuColour(Level level) {
  switch (level) {
    case Level::kRemind: return "blue";
    case Level::kUrge: return "orange";
    case Level::kSupervise: return "red";
    case Level::kCirculate: return "purple";
  }
  return "blue";
}

WebhookRequest BuildFeishu(const WebhookConfig& target, const Message& message,
                           int64_t now_ms) {
  const std::string content = TruncateUtf8(message.text, kChatContentLimit);
  json body;
  if (IsMarkdown(target)) {
    // A custom bot's "post" type is rich text without markdown; an interactive card with a
    // markdown element is what renders markdown.
    body = {{"msg_type", "interactive"},
            {"card",
             {{"config", {{"wide_screen_mode", true}}},
              {"header",
               {{"title", {{"tag", "plain_text"}, {"content", TitleOf(message)}}},
                {"template", std::string(FeishuColour(message.level))}}},
              {"elements", json::array({{{"tag", "markdown"}, {"content", content}}})}}}};
  } else {
    body = {{"msg_type", "text"}, {"content", {{"text", content}}}};
  }
  if (!target.secret.value.empty()) {
    const int64_t now_seconds = now_ms / 1000;
    body["timestamp"] = std::to_string(now_seconds);
    body["sign"] = SignFeishu(target.secret.value, now_seconds);
  }
  return WebhookRequest{target.url, {}, Dump(body)};
}

}  // namespace

std::string WebhookIdFor(std::string_view message_key) {
  return "msg_" + signing::Hex(signing::Sha256(message_key)).substr(0, 32);
}

std::string TruncateUtf8(std::string_view text, std::size_t max_bytes, std::string_view marker) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes > marker.size() ? max_bytes - marker.size() : 0;
  while (cut > 0 && IsUtf8Continuation(text[cut])) --cut;
  std::string out(text.substr(0, cut));
  out.append(marker);
  return out;
}

Result<WebhookRequest> BuildWebhookRequest(const WebhookConfig& target, const Message& message,
                                           int64_t now_ms) {
  if (target.kind == "standard") return BuildStandard(target, message, now_ms);
  if (target.kind == "dingtalk") return BuildDingTalk(target, message, now_ms);
  if (target.kind == "wecom") return BuildWeCom(target, message);
  if (target.kind == "feishu") return BuildFeishu(target, message, now_ms);
  return Status::InvalidArgument("webhook " + target.name + ": unknown kind \"" + target.kind +
                                 "\"");
}

std::string RedactUrl(std::string_view url) {
  const std::size_t end = url.find_first_of("?#");
  if (end == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, end)) + "?…";
}

}  // namespace duban
