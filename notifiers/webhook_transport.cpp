#include "notifiers/webhook_transport.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "notifiers/webhook_request.h"

namespace duban {
namespace {

constexpr long kMaxConnectTimeoutMs = 10'000;
constexpr const char* kAbortedError = "not sent: duband is stopping (the request was abandoned)";

struct UrlParts {
  std::string scheme;
  std::string host;
};

// The scheme and host of `url` as curl will read them; nullopt-like empty scheme if curl
// cannot parse it.
UrlParts ParseUrl(std::string_view url) {
  UrlParts parts;
  CURLU* handle = curl_url();
  if (handle == nullptr) return parts;
  if (curl_url_set(handle, CURLUPART_URL, std::string(url).c_str(), 0) == CURLUE_OK) {
    char* scheme = nullptr;
    char* host = nullptr;
    if (curl_url_get(handle, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK) parts.scheme = scheme;
    if (curl_url_get(handle, CURLUPART_HOST, &host, 0) == CURLUE_OK) parts.host = host;
    curl_free(scheme);
    curl_free(host);
  }
  curl_url_cleanup(handle);
  return parts;
}

bool IsLoopbackHost(std::string host) {
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (host == "localhost") return true;  // curl resolves it to loopback without DNS
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  in6_addr v6{};
  return inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

// Errors after which the rest of a batch to the same host would fail the same way.
bool IsHostUnreachable(CURLcode code) {
  return code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_CONNECT ||
         code == CURLE_OPERATION_TIMEDOUT;
}

size_t KeepBoundedBody(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const size_t bytes = size * count;
  if (body->size() < kMaxWebhookResponseBytes) {
    body->append(data, std::min(bytes, kMaxWebhookResponseBytes - body->size()));
  }
  return bytes;  // the rest is read and dropped, not an error
}

void ReplaceAll(std::string& text, std::string_view what, std::string_view with) {
  if (what.empty()) return;
  for (std::size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + with.size())) {
    text.replace(at, what.size(), with);
  }
}

}  // namespace

// One curl easy handle with the options that never change, and the buffers it writes to.
class WebhookTransport::Connection {
 public:
  struct Reply {
    CURLcode code = CURLE_OK;
    long status = 0;
    std::string body;   // the response body (bounded)
    std::string error;  // curl's error buffer when code != CURLE_OK
    int64_t retry_after = 0;  // seconds, from this reply's Retry-After header; 0 if none
  };

  Connection(const WebhookConfig& target, TransferAbort& abort) : curl_(curl_easy_init()) {
    if (curl_ == nullptr) return;
    abort.Watch(curl_);
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!target.ca_file.empty()) {
      curl_easy_setopt(curl_, CURLOPT_CAINFO, target.ca_file.c_str());
    }
    const long timeout_ms = std::max(1, target.timeout_seconds) * 1000L;
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout_ms, kMaxConnectTimeoutMs));
    curl_easy_setopt(curl_, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(curl_, CURLOPT_USERAGENT, "duban");
    curl_easy_setopt(curl_, CURLOPT_POST, 1L);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &KeepBoundedBody);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &body_);
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error_);
  }
  ~Connection() {
    if (curl_ != nullptr) curl_easy_cleanup(curl_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool ok() const { return curl_ != nullptr; }

  // The last reply's Retry-After (delay seconds or an HTTP date, which libcurl turns into
  // seconds from now). Asked only when this reply has the header, so a value can never
  // be left over from an earlier reply.
  int64_t RetryAfter() {
    curl_header* header = nullptr;
    if (curl_easy_header(curl_, "Retry-After", 0, CURLH_HEADER, -1, &header) != CURLHE_OK) {
      return 0;
    }
    curl_off_t seconds = 0;
    if (curl_easy_getinfo(curl_, CURLINFO_RETRY_AFTER, &seconds) != CURLE_OK) return 0;
    return std::max<int64_t>(0, static_cast<int64_t>(seconds));
  }

  Reply Post(const WebhookRequest& request) {
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/json; charset=utf-8");
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
    for (const std::string& header : request.headers) {
      headers = curl_slist_append(headers, header.c_str());
    }
    body_.clear();
    error_[0] = '\0';
    curl_easy_setopt(curl_, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, request.body.data());

    Reply reply;
    reply.code = curl_easy_perform(curl_);
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &reply.status);
    reply.retry_after = RetryAfter();
    // Nothing may point at this request's buffers once it is over.
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, nullptr);
    curl_slist_free_all(headers);
    reply.body = std::move(body_);
    body_.clear();
    if (reply.code != CURLE_OK) {
      reply.error = error_[0] != '\0' ? error_ : curl_easy_strerror(reply.code);
    }
    return reply;
  }

 private:
  CURL* curl_;
  std::string body_;
  char error_[CURL_ERROR_SIZE] = {};
};

Status CheckWebhookUrl(std::string_view name, std::string_view url) {
  const UrlParts parts = ParseUrl(url);
  const std::string shown = RedactUrl(url);
  if (parts.scheme == "https" && !parts.host.empty()) return Status::OK();
  if (parts.scheme == "http" && !parts.host.empty()) {
    if (IsLoopbackHost(parts.host)) return Status::OK();
    return Status::InvalidArgument("webhook " + std::string(name) + ": " + shown +
                                   ": http:// is allowed only to a loopback host; use https://");
  }
  return Status::InvalidArgument("webhook " + std::string(name) + ": " + shown +
                                 ": not an https:// URL");
}

WebhookTransport::WebhookTransport(WebhookConfig target)
    : target_(std::move(target)), url_status_(CheckWebhookUrl(target_.name, target_.url)) {}

WebhookTransport::~WebhookTransport() = default;

std::vector<DeliveryOutcome> WebhookTransport::Send(const std::vector<Message>& batch,
                                                    int64_t now_ms) {
  std::vector<DeliveryOutcome> outcomes;
  outcomes.reserve(batch.size());
  bool host_unreachable = false;
  for (const Message& message : batch) {
    if (abort_.raised()) {
      outcomes.push_back(DeliveryOutcome::Retryable(kAbortedError));
      continue;
    }
    if (host_unreachable) {
      // Same outcome as the attempt that found the host down, without another timeout.
      DeliveryOutcome skipped = outcomes.back();
      skipped.error = "not tried after: " + skipped.error;
      outcomes.push_back(std::move(skipped));
      continue;
    }
    outcomes.push_back(SendOne(message, now_ms, &host_unreachable));
  }
  return outcomes;
}

DeliveryOutcome WebhookTransport::SendOne(const Message& message, int64_t now_ms,
                                          bool* host_unreachable) {
  if (!url_status_.ok()) return DeliveryOutcome::Permanent(url_status_.message());
  Result<WebhookRequest> request = BuildWebhookRequest(target_, message, now_ms);
  if (!request.ok()) return DeliveryOutcome::Permanent(Redact(request.status().message()));
  if (connection_ == nullptr || !connection_->ok()) {
    connection_ = std::make_unique<Connection>(target_, abort_);
    if (!connection_->ok()) {
      return DeliveryOutcome::Retryable("webhook " + target_.name + ": curl_easy_init failed");
    }
  }
  Connection::Reply reply = connection_->Post(*request);
  if (reply.code == CURLE_ABORTED_BY_CALLBACK) return DeliveryOutcome::Retryable(kAbortedError);
  *host_unreachable = IsHostUnreachable(reply.code);
  DeliveryOutcome outcome =
      ClassifyHttp(static_cast<int>(reply.code), reply.status,
                   reply.code == CURLE_OK ? reply.body : reply.error, target_.kind);
  if (outcome.kind == OutcomeKind::kRetryable) outcome.retry_after_seconds = reply.retry_after;
  outcome.error = Redact(std::move(outcome.error));
  outcome.response = Redact(std::move(outcome.response));
  return outcome;
}

std::string WebhookTransport::Redact(std::string text) const {
  // The secret itself (a wecom key, a signing secret), and every value in the configured
  // URL's query (a DingTalk access_token, a wecom key=); short values such as "1" are
  // left, they would only garble the text.
  constexpr std::size_t kShortest = 6;
  if (target_.secret.value.size() >= kShortest) ReplaceAll(text, target_.secret.value, "…");
  const std::size_t query = target_.url.find('?');
  if (query == std::string::npos) return text;
  std::string_view rest = std::string_view(target_.url).substr(query + 1);
  while (!rest.empty()) {
    const std::size_t end = rest.find('&');
    const std::string_view pair = rest.substr(0, end);
    const std::size_t equals = pair.find('=');
    const std::string_view value =
        equals == std::string_view::npos ? pair : pair.substr(equals + 1);
    if (value.size() >= kShortest) ReplaceAll(text, value, "…");
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return text;
}

}  // namespace duban
