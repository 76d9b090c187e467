// WebhookRequest: the one HTTP POST that carries one Message to one [[webhook]] target,
// built per kind (standard signed JSON, DingTalk, WeCom, Feishu) with its signature.
//
// Building is pure: the timestamp is `now_ms` (passed in), the webhook id derives from the
// message key, so a resend of the same message has the same id and body (only the
// timestamps and signatures change). User text only ever goes into the JSON body; the URL
// gains only query values we computed (timestamp, sign, key) and the headers only carry
// ids, timestamps and signatures.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef DUBAN_NOTIFIERS_WEBHOOK_REQUEST_H_
#define DUBAN_NOTIFIERS_WEBHOOK_REQUEST_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "workflow/message.h"
#include "workflow/status.h"

namespace duban {

struct WebhookRequest {
  std::string url;                   // with the kind's query (DingTalk sign, WeCom key)
  std::vector<std::string> headers;  // "Name: value", besides Content-Type
  std::string body;                  // JSON, UTF-8
};

// WeCom group robot: text and markdown content at most this many bytes (the documented
// text limit; markdown allows 4096, but one limit for both keeps the rule simple).
inline constexpr std::size_t kWeComContentLimit = 2048;
// DingTalk and Feishu refuse request bodies of about 20 KB; their content is kept under
// this many bytes so the JSON around it still fits.
inline constexpr std::size_t kChatContentLimit = 18000;
// What ends a text cut to fit a bot's limit, so the reader knows it is not all.
inline constexpr std::string_view kTruncationMarker = "…（内容过长，已截断，详见邮件）";

// "msg_" + the first 32 hex digits of SHA-256(key): the Standard Webhooks webhook-id and
// the body's "id". Deterministic, so receivers can deduplicate a resend.
std::string WebhookIdFor(std::string_view message_key);

// `text` if it has at most `max_bytes` bytes; else its longest prefix that ends on a UTF-8
// character boundary and leaves room for `marker`, followed by `marker`. The result never
// exceeds `max_bytes` (unless the marker alone does) and never splits a character.
std::string TruncateUtf8(std::string_view text, std::size_t max_bytes,
                         std::string_view marker = kTruncationMarker);

// The request for `message` to `target` at `now_ms` (UTC milliseconds):
//   standard  headers webhook-id, webhook-timestamp (s), webhook-signature; body
//             {"type":"duban.notice","id","timestamp","level","level_zh","recipient",
//              "subject","text","items"}
//   dingtalk  ?...&timestamp=<ms>&sign=<...> when a secret is set; markdown or text body
//   wecom     ?key=<secret> unless the URL already has a key; markdown or text body
//   feishu    "timestamp" (s, string) and "sign" in the body when a secret is set;
//             text, or an interactive card with a markdown element
// Errors (InvalidArgument; the dispatcher treats them as permanent): an unknown kind, a
// standard target without a valid "whsec_" secret, a wecom target with no key, a
// message whose data_json is not a JSON array. Messages never quote the secret.
Result<WebhookRequest> BuildWebhookRequest(const WebhookConfig& target, const Message& message,
                                           int64_t now_ms);

// `url` without its query and fragment ("https://oapi.dingtalk.com/robot/send?…"): what
// logs and errors may show, since access_token= and key= are credentials.
std::string RedactUrl(std::string_view url);

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_WEBHOOK_REQUEST_H_
