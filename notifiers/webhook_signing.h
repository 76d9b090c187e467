// Webhook signing: the signatures that generic webhooks (Standard Webhooks) and the chat
// bots (DingTalk, Feishu) ask for, and the byte-level helpers they are made of (HMAC-SHA256,
// base64, percent-encoding), on OpenSSL's libcrypto.
//
// Each signer is a pure function of its inputs: the timestamp is passed in (the
// dispatcher's `now_ms`), never read here, so tests compare against vectors computed by
// another implementation. Results carry secrets' derivatives only; no function logs.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef DUBAN_NOTIFIERS_WEBHOOK_SIGNING_H_
#define DUBAN_NOTIFIERS_WEBHOOK_SIGNING_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "workflow/status.h"

namespace duban {

// Byte-level helpers, in their own namespace so they do not clash with other notifiers'.
namespace signing {

// The 32 raw bytes of HMAC-SHA256(key, message).
std::string HmacSha256(std::string_view key, std::string_view message);
// The 32 raw bytes of SHA-256(bytes).
std::string Sha256(std::string_view bytes);
// Lowercase hex of `bytes`.
std::string Hex(std::string_view bytes);
// Standard base64 (RFC 4648 §4, '+' '/' and '=' padding), no line breaks.
std::string Base64Encode(std::string_view bytes);
// Strict inverse of Base64Encode: the standard alphabet, length a multiple of 4, at most
// two '=' at the end. Anything else is InvalidArgument (the message never quotes `text`,
// which may be a secret).
Result<std::string> Base64Decode(std::string_view text);
// Percent-encodes every byte but RFC 3986's unreserved ones (A-Z a-z 0-9 - . _ ~), so the
// result is safe in any query value: "+" → "%2B", "/" → "%2F", "=" → "%3D".
std::string PercentEncode(std::string_view text);

}  // namespace signing

// The prefix of a Standard Webhooks secret; the rest is the base64 of the key bytes.
inline constexpr std::string_view kStandardSecretPrefix = "whsec_";

// The HMAC key of a Standard Webhooks secret "whsec_<base64>". Without the prefix, with
// invalid base64, or with an empty key: InvalidArgument saying which (never the secret).
Result<std::string> StandardWebhookKey(std::string_view secret);

// Standard Webhooks: the webhook-signature header value
//   "v1," + base64(HMAC-SHA256(key, id + "." + timestamp_seconds + "." + body))
// where key = StandardWebhookKey(secret). Errors as StandardWebhookKey.
Result<std::string> SignStandardWebhook(std::string_view secret, std::string_view id,
                                        int64_t timestamp_seconds, std::string_view body);

// DingTalk custom robot (加签): the `sign` query value, already percent-encoded:
//   PercentEncode(base64(HMAC-SHA256(key = secret, timestamp_ms + "\n" + secret)))
std::string SignDingTalk(std::string_view secret, int64_t timestamp_ms);

// Feishu custom bot (签名校验): the body's "sign" value:
//   base64(HMAC-SHA256(key = timestamp_seconds + "\n" + secret, message = ""))
std::string SignFeishu(std::string_view secret, int64_t timestamp_seconds);

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_WEBHOOK_SIGNING_H_
