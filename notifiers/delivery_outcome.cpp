#include "notifiers/delivery_outcome.h"

#include <curl/curl.h>

#include <nlohmann/json.hpp>

namespace duban {
namespace {

constexpr std::size_t kKeptResponseBytes = 2000;

// The first `max` bytes of `text`, not cutting a UTF-8 character, trailing space trimmed.
std::string Excerpt(std::string_view text, std::size_t max = kKeptResponseBytes) {
  if (text.size() > max) {
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

// Transfer errors that a later attempt may not meet: the network, the peer, a timeout.
// Everything else (a bad URL, a certificate that does not verify, a login refused ...) is
// a configuration problem that retrying does not mend.
bool IsTransientCurlError(int code) {
  switch (static_cast<CURLcode>(code)) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_AGAIN:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

std::string CurlError(int code, std::string_view detail) {
  std::string error = curl_easy_strerror(static_cast<CURLcode>(code));
  if (!detail.empty()) error += ": " + Excerpt(detail, 500);
  return error;
}

// A chat bot's verdict on a 2xx reply, from its JSON body. DingTalk and WeCom answer
// {"errcode":0,"errmsg":"ok"}; Feishu {"code":0,"msg":"success"} (older: "StatusCode").
DeliveryOutcome ClassifyChatBody(std::string_view body, std::string_view kind,
                                 std::string response) {
  nlohmann::json reply = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!reply.is_object()) {
    return DeliveryOutcome::Retryable(std::string(kind) + " replied with no JSON object",
                                      std::move(response));
  }
  const char* field = kind == "feishu" ? "code" : "errcode";
  const char* message_field = kind == "feishu" ? "msg" : "errmsg";
  if (kind == "feishu" && !reply.contains("code") && reply.contains("StatusCode")) {
    field = "StatusCode";
    message_field = "StatusMessage";
  }
  if (!reply.contains(field) || !reply[field].is_number_integer()) {
    return DeliveryOutcome::Retryable(std::string(kind) + " reply has no " + field,
                                      std::move(response));
  }
  const long code = reply[field].get<long>();
  if (code == 0) return DeliveryOutcome::Sent(std::move(response));
  std::string error = std::string(kind) + " error " + std::to_string(code);
  if (reply.contains(message_field) && reply[message_field].is_string()) {
    error += ": " + Excerpt(reply[message_field].get<std::string>(), 300);
  }
  // The "too fast" codes: DingTalk 130101 (send too fast), WeCom 45009 (api freq out of
  // limit), Feishu 9499 and 11232 (too many requests); and the bots' system-busy -1.
  const bool too_fast = code == 130101 || code == 45009 || code == 9499 || code == 11232 ||
                        code == -1;
  return too_fast ? DeliveryOutcome::Retryable(std::move(error), std::move(response))
                  : DeliveryOutcome::Permanent(std::move(error), std::move(response));
}

}  // namespace

std::string_view OutcomeKindName(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::kSent: return "sent";
    case OutcomeKind::kRetryable: return "retryable";
    case OutcomeKind::kPermanent: return "permanent";
  }
  return "?";
}

DeliveryOutcome DeliveryOutcome::Sent(std::string response) {
  return {OutcomeKind::kSent, "", std::move(response)};
}
DeliveryOutcome DeliveryOutcome::Retryable(std::string error, std::string response) {
  return {OutcomeKind::kRetryable, std::move(error), std::move(response)};
}
DeliveryOutcome DeliveryOutcome::Permanent(std::string error, std::string response) {
  return {OutcomeKind::kPermanent, std::move(error), std::move(response)};
}

DeliveryOutcome ClassifySmtp(int curl_code, long smtp_code, std::string_view detail) {
  std::string response = Excerpt(detail);
  if (smtp_code >= 200 && smtp_code < 400 && curl_code == CURLE_OK) {
    return DeliveryOutcome::Sent(response.empty() ? std::to_string(smtp_code) : response);
  }
  if (smtp_code >= 400 && smtp_code < 600) {
    std::string error = "SMTP " + std::to_string(smtp_code);
    if (!response.empty()) error += ": " + response;
    if (smtp_code < 500) return DeliveryOutcome::Retryable(std::move(error), response);
    return DeliveryOutcome::Permanent(std::move(error), response);
  }
  if (curl_code == CURLE_OK) return DeliveryOutcome::Sent(response);
  std::string error = CurlError(curl_code, detail);
  return IsTransientCurlError(curl_code) ? DeliveryOutcome::Retryable(std::move(error))
                                         : DeliveryOutcome::Permanent(std::move(error));
}

DeliveryOutcome ClassifyHttp(int curl_code, long status, std::string_view body,
                             std::string_view kind) {
  if (curl_code != CURLE_OK) {
    std::string error = CurlError(curl_code, body);
    return IsTransientCurlError(curl_code) ? DeliveryOutcome::Retryable(std::move(error))
                                           : DeliveryOutcome::Permanent(std::move(error));
  }
  std::string response = "HTTP " + std::to_string(status);
  if (!body.empty()) response += " " + Excerpt(body);
  if (status >= 200 && status < 300) {
    if (kind == "dingtalk" || kind == "wecom" || kind == "feishu") {
      return ClassifyChatBody(body, kind, std::move(response));
    }
    return DeliveryOutcome::Sent(std::move(response));
  }
  std::string error = response;
  if (status >= 500 || status == 408 || status == 429) {
    return DeliveryOutcome::Retryable(std::move(error), std::move(response));
  }
  return DeliveryOutcome::Permanent(std::move(error), std::move(response));
}

}  // namespace duban
