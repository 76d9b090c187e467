// MailFolderSink: "sends" email by writing each message as an .eml file into a folder
// ([mail] transport = "file", [mail] dir): for the demo, and for offices without an SMTP
// server whose clerks open or forward the files.
//
// - The bytes are BuildEmail's, the same an SMTP server would receive.
// - One file per message, named by FileNameFor from fields that never change for that
//   message, so a resend after a crash overwrites the same file: at least once, never two
//   files for one message.
// - Written as a hidden temporary in the same folder, flushed (fsync), then renamed over
//   the final name, Maildir-style: a reader never sees half a message, and a crash leaves
//   at most a stray ".*.tmp" file. The folder is synced once per batch, so a message
//   reported sent survives a power cut.
// - The folder is created (mode 0750) if missing, at each Send, so deleting it while the
//   daemon runs only costs a re-creation. Files are 0640.
// - Outcomes: Sent with "written <path>"; Retryable on any I/O error (no space, the folder
//   is a file, permissions) with the errno text and the path, since the office can mend
//   those; Permanent only for a message that cannot be built (bad target address).
//
// Thread-safety: see Transport; one thread at a time. Several sinks may share a folder:
// they write different files.
#ifndef DUBAN_NOTIFIERS_MAIL_FOLDER_SINK_H_
#define DUBAN_NOTIFIERS_MAIL_FOLDER_SINK_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "notifiers/email_address.h"
#include "notifiers/email_mime.h"
#include "notifiers/transport.h"
#include "workflow/status.h"

namespace duban {

class MailFolderSink : public Transport {
 public:
  // From [mail] dir, from and html. InvalidArgument if dir is empty or from does not
  // parse. Touches no file yet.
  static Result<std::unique_ptr<MailFolderSink>> Create(const MailConfig& config);

  MailFolderSink(std::filesystem::path dir, EmailAddress from, EmailOptions options);

  std::vector<DeliveryOutcome> Send(const std::vector<Message>& batch, int64_t now_ms) override;

  // "<created_at as yyyymmddThhmmssZ, UTC>-<message id>-<first 12 hex digits of
  // SHA-256(key)>.eml", e.g. "20250701T080000Z-42-3f2a9c0b7d1e.eml".
  static std::string FileNameFor(const Message& message);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  // Constant after construction.
  const std::filesystem::path dir_;
  const EmailAddress from_;
  const EmailOptions options_;
};

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_MAIL_FOLDER_SINK_H_
