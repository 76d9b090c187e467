#include "notifiers/mail_folder_sink.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <system_error>

#include "notifiers/mime_codec.h"

namespace duban {
namespace {

namespace fs = std::filesystem;

Status IoError(std::string_view what, const fs::path& path, int err) {
  return Status::IOError(std::string(what) + " " + path.string() + ": " +
                         std::system_category().message(err));
}

bool IsDirectory(const fs::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// `dir` and any missing parent, each created 0750 (less the umask).
Status MakeFolder(const fs::path& dir) {
  if (IsDirectory(dir)) return Status::OK();
  fs::path prefix;
  for (const fs::path& part : dir) {
    prefix /= part;
    if (::mkdir(prefix.c_str(), 0750) != 0 && errno != EEXIST) {
      return IoError("cannot create", prefix, errno);
    }
  }
  if (!IsDirectory(dir)) return IoError("cannot use", dir, ENOTDIR);
  return Status::OK();
}

Status WriteAll(int fd, std::string_view bytes, const fs::path& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("cannot write", path, errno);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::OK();
}

// `bytes` as dir/name: written to a hidden temporary, synced, renamed over the name.
Status WriteAtomically(const fs::path& dir, const std::string& name, std::string_view bytes) {
  const fs::path final_path = dir / name;
  const fs::path temp_path = dir / ("." + name + ".tmp");
  const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
                        0640);
  if (fd < 0) return IoError("cannot create", temp_path, errno);
  Status status = WriteAll(fd, bytes, temp_path);
  if (status.ok() && ::fsync(fd) != 0) status = IoError("cannot sync", temp_path, errno);
  if (::close(fd) != 0 && status.ok()) status = IoError("cannot close", temp_path, errno);
  if (status.ok() && ::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    status = IoError("cannot rename to", final_path, errno);
  }
  if (!status.ok()) ::unlink(temp_path.c_str());
  return status;
}

// The folder's entries (the renames) made durable.
Status SyncFolder(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open", dir, errno);
  Status status;
  if (::fsync(fd) != 0) status = IoError("cannot sync", dir, errno);
  ::close(fd);
  return status;
}

}  // namespace

Result<std::unique_ptr<MailFolderSink>> MailFolderSink::Create(const MailConfig& config) {
  if (config.dir.empty()) return Status::InvalidArgument("[mail] dir: no folder given");
  Result<EmailAddress> from = ParseEmailAddress(config.from, "[mail] from");
  if (!from.ok()) return from.status();
  EmailOptions options;
  options.html = config.html;
  return std::make_unique<MailFolderSink>(config.dir, std::move(from).value(), options);
}

MailFolderSink::MailFolderSink(std::filesystem::path dir, EmailAddress from, EmailOptions options)
    : dir_(std::move(dir)), from_(std::move(from)), options_(options) {}

std::string MailFolderSink::FileNameFor(const Message& message) {
  using namespace std::chrono;
  const sys_seconds at{seconds{message.created_at}};
  const sys_days day = floor<days>(at);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> time{at - day};
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return std::string(stamp) + "-" + std::to_string(message.id) + "-" +
         mime::Sha256Hex(message.key).substr(0, 12) + ".eml";
}

std::vector<DeliveryOutcome> MailFolderSink::Send(const std::vector<Message>& batch,
                                                  int64_t /*now_ms*/) {
  std::vector<DeliveryOutcome> outcomes;
  outcomes.reserve(batch.size());
  if (Status made = MakeFolder(dir_); !made.ok()) {
    outcomes.assign(batch.size(), DeliveryOutcome::Retryable(made.message()));
    return outcomes;
  }
  bool wrote_any = false;
  for (const Message& message : batch) {
    Result<std::string> bytes = BuildEmail(message, from_, options_);
    if (!bytes.ok()) {
      outcomes.push_back(DeliveryOutcome::Permanent(bytes.status().message()));
      continue;
    }
    const std::string name = FileNameFor(message);
    Status written = WriteAtomically(dir_, name, *bytes);
    if (!written.ok()) {
      outcomes.push_back(DeliveryOutcome::Retryable(written.message()));
      continue;
    }
    wrote_any = true;
    outcomes.push_back(DeliveryOutcome::Sent("written " + (dir_ / name).string()));
  }
  if (!wrote_any) return outcomes;
  if (Status synced = SyncFolder(dir_); !synced.ok()) {
    // The files are there but may not survive a crash: let them be written again.
    for (DeliveryOutcome& outcome : outcomes) {
      if (outcome.kind == OutcomeKind::kSent) outcome = DeliveryOutcome::Retryable(synced.message());
    }
  }
  return outcomes;
}

}  // namespace duban
