#include "notifiers/smtp_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace duban {
namespace {

constexpr long kMaxIdleSeconds = 60;
constexpr const char* kAbortedError = "not sent: duband is stopping (the send was abandoned)";

// The bytes of one message, handed to libcurl piece by piece (CURLOPT_READFUNCTION).
struct Upload {
  const std::string* bytes = nullptr;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->bytes->size() - upload->offset);
  std::memcpy(buffer, upload->bytes->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// libcurl hands every SMTP reply line of a transfer to the header callback. They are kept
// so the outcome can quote the reply that decided it ("550 5.1.1 ... user unknown"), which
// is not always the last line: after a refusal libcurl closes the session and the
// server's "221 Bye" comes after it.
size_t KeepReply(char* buffer, size_t size, size_t count, void* user) {
  auto* replies = static_cast<std::vector<std::string>*>(user);
  std::string_view line(buffer, size * count);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  if (!line.empty() && replies->size() < 100) replies->emplace_back(line);
  return size * count;
}

// The last reply line with `code` ("250 ..." or "250-..."), or "" if there is none.
std::string ReplyWithCode(const std::vector<std::string>& replies, long code) {
  const std::string prefix = std::to_string(code);
  for (auto it = replies.rbegin(); it != replies.rend(); ++it) {
    if (it->size() >= 4 && it->compare(0, 3, prefix) == 0 && ((*it)[3] == ' ' || (*it)[3] == '-')) {
      return *it;
    }
  }
  return "";
}

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

bool HasBlankOrControl(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F;
  });
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

// One easy handle with the options that stay the same for every message, and what the
// last transfer on it left behind. Destroying it closes its SMTP session (libcurl sends
// QUIT).
class SmtpTransport::Session {
 public:
  // What one transfer came to.
  struct Transfer {
    CURLcode code = CURLE_OK;
    long reply_code = 0;  // the last SMTP reply code, 0 if none
    bool reused = false;  // it went over a session opened by an earlier transfer
    std::string detail;   // the deciding reply line, or curl's error text

    // True if this failed on a kept session that the server had closed while it was idle
    // (its timeout, a restart): the first command found the connection gone, or a 421
    // "closing" reply, before any reply about this message. Such a failure says nothing
    // about the message, so it is sent again at once over a new session. Had the server
    // taken the message before the connection broke, the receiver gets it twice with the
    // same Message-ID: at least once.
    bool LostIdleSession() const {
      if (!reused || code == CURLE_OK) return false;
      if (reply_code == 421) return true;
      if (reply_code >= 400) return false;
      switch (code) {
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_SSL_CONNECT_ERROR:
          return true;
        default:
          return false;
      }
    }
  };

  // Null if libcurl cannot make a handle.
  static std::unique_ptr<Session> Open(const Settings& settings, TransferAbort& abort) {
    CURL* handle = curl_easy_init();
    if (handle == nullptr) return nullptr;
    std::unique_ptr<Session> session(new Session(handle));
    session->Configure(settings);
    abort.Watch(handle);
    return session;
  }
  ~Session() { curl_easy_cleanup(handle_); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  Transfer Send(const std::string& rcpt, const std::string& bytes) {
    Upload upload{&bytes, 0};
    curl_easy_setopt(handle_, CURLOPT_READDATA, &upload);
    curl_easy_setopt(handle_, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(bytes.size()));
    curl_slist* recipients = curl_slist_append(nullptr, rcpt.c_str());
    curl_easy_setopt(handle_, CURLOPT_MAIL_RCPT, recipients);
    error_[0] = '\0';
    replies_.clear();

    Transfer transfer;
    transfer.code = curl_easy_perform(handle_);
    curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &transfer.reply_code);
    long connects = 0;
    curl_easy_getinfo(handle_, CURLINFO_NUM_CONNECTS, &connects);
    transfer.reused = connects == 0;
    curl_easy_setopt(handle_, CURLOPT_MAIL_RCPT, static_cast<curl_slist*>(nullptr));
    curl_slist_free_all(recipients);

    // The server's reply says most when it refused or accepted; curl's text when there
    // was no reply worth quoting (connection, TLS, timeout).
    if (transfer.reply_code >= 400 || transfer.code == CURLE_OK) {
      transfer.detail = ReplyWithCode(replies_, transfer.reply_code);
    }
    if (transfer.detail.empty()) transfer.detail = error_;
    return transfer;
  }

 private:
  explicit Session(CURL* handle) : handle_(handle) {}

  void Configure(const Settings& settings) {
    CURL* h = handle_;
    curl_easy_setopt(h, CURLOPT_URL, settings.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_USE_SSL,
                     settings.require_tls ? static_cast<long>(CURLUSESSL_ALL)
                                          : static_cast<long>(CURLUSESSL_NONE));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!settings.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, settings.ca_file.c_str());
    if (!settings.username.empty()) {
      curl_easy_setopt(h, CURLOPT_USERNAME, settings.username.c_str());
      curl_easy_setopt(h, CURLOPT_PASSWORD, settings.password.c_str());
    }
    curl_easy_setopt(h, CURLOPT_VERBOSE, 0L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, settings.timeout_seconds);
    curl_easy_setopt(h, CURLOPT_SERVER_RESPONSE_TIMEOUT, settings.timeout_seconds);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, settings.timeout_seconds);
    curl_easy_setopt(h, CURLOPT_MAXAGE_CONN, kMaxIdleSeconds);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &KeepReply);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &replies_);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Discard);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, &ReadUpload);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    const std::string mail_from = "<" + settings.from.address + ">";
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());  // libcurl copies strings
  }

  CURL* const handle_;
  char error_[CURL_ERROR_SIZE] = {};
  std::vector<std::string> replies_;
};

Result<std::unique_ptr<SmtpTransport>> SmtpTransport::Create(const MailConfig& config) {
  Settings settings;
  const size_t colon = config.url.find("://");
  const std::string scheme =
      colon == std::string::npos ? "" : Lower(config.url.substr(0, colon + 3));
  if (scheme != "smtp://" && scheme != "smtps://") {
    return Status::InvalidArgument("[mail] url: \"" + config.url +
                                   "\" must start with smtp:// or smtps://");
  }
  if (HasBlankOrControl(config.url)) {
    return Status::InvalidArgument("[mail] url: blanks and control characters are not allowed");
  }
  if (config.starttls != "required" && config.starttls != "off") {
    return Status::InvalidArgument("[mail] starttls: \"" + config.starttls +
                                   "\" is neither \"required\" nor \"off\"");
  }
  Result<EmailAddress> from = ParseEmailAddress(config.from, "[mail] from");
  if (!from.ok()) return from.status();
  if (!config.username.empty() && config.password.value.empty()) {
    return Status::InvalidArgument(
        "[mail] username: set, but no password was read (password_file / password_env)");
  }
  if (HasBlankOrControl(config.username)) {
    return Status::InvalidArgument("[mail] username: blanks and control characters are not allowed");
  }
  if (config.timeout_seconds <= 0) {
    return Status::InvalidArgument("[mail] timeout_seconds: must be at least 1");
  }
  settings.url = config.url;
  settings.require_tls = scheme == "smtps://" || config.starttls == "required";
  settings.username = config.username;
  settings.password = config.password.value;
  settings.ca_file = config.ca_file.string();
  settings.timeout_seconds = config.timeout_seconds;
  settings.from = std::move(from).value();
  settings.options.html = config.html;
  return std::unique_ptr<SmtpTransport>(new SmtpTransport(std::move(settings)));
}

SmtpTransport::SmtpTransport(Settings settings) : settings_(std::move(settings)) {}

SmtpTransport::~SmtpTransport() = default;

std::vector<DeliveryOutcome> SmtpTransport::Send(const std::vector<Message>& batch,
                                                 int64_t /*now_ms*/) {
  std::vector<DeliveryOutcome> outcomes;
  outcomes.reserve(batch.size());
  for (const Message& message : batch) {
    outcomes.push_back(abort_.raised() ? DeliveryOutcome::Retryable(kAbortedError)
                                       : SendOne(message));
  }
  return outcomes;
}

DeliveryOutcome SmtpTransport::SendOne(const Message& message) {
  Result<std::string> bytes = BuildEmail(message, settings_.from, settings_.options);
  if (!bytes.ok()) return DeliveryOutcome::Permanent(bytes.status().message());
  const std::string rcpt = "<" + message.target + ">";

  Session::Transfer transfer;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!session_) session_ = Session::Open(settings_, abort_);
    if (!session_) return DeliveryOutcome::Retryable("libcurl: cannot make an easy handle");
    transfer = session_->Send(rcpt, *bytes);
    if (transfer.code == CURLE_OK) break;
    session_.reset();
    if (!transfer.LostIdleSession()) break;
  }
  if (transfer.code == CURLE_ABORTED_BY_CALLBACK) return DeliveryOutcome::Retryable(kAbortedError);
  return ClassifySmtp(transfer.code, transfer.reply_code, transfer.detail);
}

}  // namespace duban
