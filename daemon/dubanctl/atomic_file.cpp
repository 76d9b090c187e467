#include "daemon/dubanctl/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace duban::ctl {

Result<std::unique_ptr<AtomicFile>> AtomicFile::Create(const std::string& path, mode_t mode) {
  const std::filesystem::path target(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string pattern = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) {
    return Status::IOError("cannot write " + path + ": " + std::strerror(errno));
  }
  // mkostemp makes 0600; the requested mode exactly, not through the umask.
  if (::fchmod(fd, mode) != 0) {
    int error = errno;
    ::close(fd);
    ::unlink(name.data());
    return Status::IOError("cannot write " + path + ": " + std::strerror(error));
  }
  return std::unique_ptr<AtomicFile>(new AtomicFile(path, name.data(), fd));
}

AtomicFile::AtomicFile(std::string path, std::string temp_path, int fd)
    : path_(std::move(path)), temp_path_(std::move(temp_path)), fd_(fd) {}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_path_.c_str());
}

Status AtomicFile::Failure(const std::string& what, int error) const {
  return Status::IOError("cannot write " + path_ + ": " + what + ": " + std::strerror(error));
}

Status AtomicFile::Write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t put = ::write(fd_, bytes.data(), bytes.size());
    if (put < 0) {
      if (errno == EINTR) continue;
      return Failure("write", errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(put));
  }
  return Status::OK();
}

Status AtomicFile::Commit() {
  if (::fsync(fd_) != 0) return Failure("fsync", errno);
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return Failure("close", errno);
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) return Failure("rename", errno);
  committed_ = true;
  // The rename is durable once the directory is on disk too; a failure here leaves a
  // complete file, so it is not reported.
  const std::filesystem::path dir = std::filesystem::path(path_).has_parent_path()
                                        ? std::filesystem::path(path_).parent_path()
                                        : ".";
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return Status::OK();
}

}  // namespace duban::ctl
