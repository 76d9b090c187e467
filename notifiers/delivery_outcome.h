// DeliveryOutcome: what one attempt to send a message came to, and the one place where
// failures are classified as retryable or permanent (the dispatcher decides backoff or
// dead from the kind alone, whatever the transport).
//
// Retryable: timeouts, connection and TLS-handshake errors, SMTP 4xx, HTTP 5xx, 408, 429,
// and the chat bots' "too fast" replies. Permanent: SMTP 5xx (an unknown recipient),
// other HTTP 4xx, a chat bot's signature or keyword refusal, a certificate that does not
// verify, and messages the transport cannot build (no such target, missing secret).
//
// Pure functions; thread-safe.
#ifndef DUBAN_NOTIFIERS_DELIVERY_OUTCOME_H_
#define DUBAN_NOTIFIERS_DELIVERY_OUTCOME_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace duban {

enum class OutcomeKind { kSent, kRetryable, kPermanent };
std::string_view OutcomeKindName(OutcomeKind kind);  // "sent", "retryable", "permanent"

struct DeliveryOutcome {
  OutcomeKind kind = OutcomeKind::kSent;
  std::string error;     // "" when sent; else for people: "SMTP 550: 5.1.1 <x@y>: user unknown"
  std::string response;  // the server's reply as received (trimmed), kept for the audit log
  // A retryable failure whose server said when to come back (HTTP Retry-After on a 429 or
  // 503), in seconds from now; 0 when it did not say. The retry policy waits at least
  // this long (up to backoff_max_seconds).
  int64_t retry_after_seconds = 0;

  static DeliveryOutcome Sent(std::string response);
  static DeliveryOutcome Retryable(std::string error, std::string response = "");
  static DeliveryOutcome Permanent(std::string error, std::string response = "");
};

// After an SMTP transfer: `curl_code` is the CURLcode (0 = CURLE_OK), `smtp_code` the last
// SMTP reply code (CURLINFO_RESPONSE_CODE, 0 if none), `detail` curl's error buffer or
// the server's last reply line.
DeliveryOutcome ClassifySmtp(int curl_code, long smtp_code, std::string_view detail);

// After an HTTP request: `curl_code` as above, `status` the HTTP status (0 if none), `body`
// the response body (truncated for the record). 2xx is sent unless a chat bot's body says
// otherwise: pass the target's kind ("standard", "dingtalk", "wecom", "feishu") so the
// body's errcode/code field is read (DingTalk and WeCom answer 200 with {"errcode":N}).
DeliveryOutcome ClassifyHttp(int curl_code, long status, std::string_view body,
                             std::string_view kind);

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_DELIVERY_OUTCOME_H_
