#include "config/secret_reader.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace duban {
namespace {

// Closes the descriptor on every path out of ReadFile.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string OctalMode(mode_t mode) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04o", static_cast<unsigned>(mode & 07777));
  return buffer;
}

// "duban" for a gid with a name, else the number.
std::string GroupName(gid_t gid) {
  struct group entry;
  struct group* found = nullptr;
  char buffer[4096];
  if (::getgrgid_r(gid, &entry, buffer, sizeof buffer, &found) == 0 && found != nullptr) {
    return found->gr_name;
  }
  return std::to_string(gid);
}

Status OpenError(const std::string& path, int error) {
  if (error == ENOENT) return Status::NotFound("secret file " + path + " does not exist");
  if (error == EACCES) {
    return Status::PermissionDenied("cannot read secret file " + path + ": " + std::strerror(error) +
                                    " (it must be readable by the user duband runs as)");
  }
  return Status::IOError("cannot read secret file " + path + ": " + std::strerror(error));
}

// Checks what fstat says before a byte of the secret is read.
Status CheckSecretFileStat(const std::string& path, const struct stat& st) {
  if (!S_ISREG(st.st_mode)) return Status::InvalidArgument("secret file " + path + " is not a regular file");
  if ((st.st_mode & S_IROTH) != 0) {
    return Status::PermissionDenied("secret file " + path + " is readable by others (mode " +
                                    OctalMode(st.st_mode) + "); run chmod o-r " + path);
  }
  // Group-readable only for duband's own group (root:duban 0640 is how a root-owned secret
  // reaches the daemon): any other group is people, who must not read it.
  if ((st.st_mode & S_IRGRP) != 0 && st.st_gid != ::getegid()) {
    return Status::PermissionDenied(
        "secret file " + path + " is readable by group " + GroupName(st.st_gid) + " (mode " +
        OctalMode(st.st_mode) + "), which duband does not run as; run chgrp " +
        GroupName(::getegid()) + " " + path + " or chmod g-r " + path);
  }
  if (static_cast<std::size_t>(st.st_size) > kMaxSecretBytes) {
    return Status::InvalidArgument("secret file " + path + " is larger than " +
                                   std::to_string(kMaxSecretBytes) + " bytes");
  }
  return Status::OK();
}

Result<std::string> ReadAll(const std::string& path, int fd) {
  std::string text;
  char buffer[4096];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IOError("cannot read secret file " + path + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > kMaxSecretBytes) {
      return Status::InvalidArgument("secret file " + path + " is larger than " +
                                     std::to_string(kMaxSecretBytes) + " bytes");
    }
  }
  return text;
}

class SystemSource final : public SecretSource {
 public:
  Result<std::string> ReadFile(const std::filesystem::path& path) const override {
    const std::string name = path.string();
    FileDescriptor fd(::open(name.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
    if (fd.get() < 0) return OpenError(name, errno);
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return OpenError(name, errno);
    if (Status status = CheckSecretFileStat(name, st); !status.ok()) return status;
    Result<std::string> text = ReadAll(name, fd.get());
    if (!text.ok()) return text.status();
    std::string value = StripTrailingLineBreaks(std::move(*text));
    if (value.empty()) return Status::InvalidArgument("secret file " + name + " is empty");
    return value;
  }

  Result<std::string> ReadEnv(const std::string& name) const override {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return Status::NotFound("environment variable " + name + " is not set");
    if (*value == '\0') return Status::InvalidArgument("environment variable " + name + " is empty");
    return std::string(value);
  }
};

}  // namespace

const SecretSource& SystemSecretSource() {
  static const SystemSource source;
  return source;
}

Status ReadSecret(const SecretSource& source, Secret& secret) {
  secret.value.clear();
  if (secret.file.empty() && secret.env.empty()) return Status::OK();
  Result<std::string> value = secret.file.empty() ? source.ReadEnv(secret.env) : source.ReadFile(secret.file);
  if (!value.ok()) return value.status();
  secret.value = std::move(*value);
  return Status::OK();
}

std::string DescribeSecret(const Secret& secret) {
  if (!secret.file.empty()) return "(from file " + secret.file.string() + ")";
  if (!secret.env.empty()) return "(from env " + secret.env + ")";
  return "(none)";
}

std::string StripTrailingLineBreaks(std::string text) {
  while (!text.empty() && text.back() == '\n') {
    text.pop_back();
    if (!text.empty() && text.back() == '\r') text.pop_back();
  }
  return text;
}

}  // namespace duban
