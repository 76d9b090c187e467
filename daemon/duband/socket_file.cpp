#include "daemon/duband/socket_file.h"

#include <grp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <spdlog/spdlog.h>

#include "daemon/duband/directories.h"

namespace duban {
namespace {

enum class Probe { kAnswered, kRefused, kUnknown };

// Connects to the socket at `path`: does a live server listen there?
Probe ProbeSocket(const std::filesystem::path& path, std::string* error) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *error = std::strerror(errno);
    return Probe::kUnknown;
  }
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
  int rc = connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
  int saved = errno;
  close(fd);
  if (rc == 0) return Probe::kAnswered;
  if (saved == ECONNREFUSED) return Probe::kRefused;
  // EAGAIN: the server's backlog is full, so a server is there.
  if (saved == EAGAIN) return Probe::kAnswered;
  *error = std::strerror(saved);
  return Probe::kUnknown;
}

Status RemoveStaleSocket(const std::filesystem::path& path) {
  std::string error;
  switch (ProbeSocket(path, &error)) {
    case Probe::kAnswered:
      return Status::Conflict("socket " + path.string() +
                              " is in use by another duband (it answered a connection); "
                              "stop that one first or set another [daemon] socket");
    case Probe::kUnknown:
      return Status::IOError("cannot tell whether socket " + path.string() +
                             " is in use: " + error);
    case Probe::kRefused:
      break;
  }
  if (unlink(path.c_str()) != 0 && errno != ENOENT) {
    return Status::IOError("cannot remove stale socket " + path.string() + ": " +
                           std::strerror(errno));
  }
  spdlog::info("removed stale socket {} (nothing answered on it)", path.string());
  return Status::OK();
}

}  // namespace

Status PrepareSocketPath(const std::filesystem::path& path) {
  if (path.native().size() >= sizeof(sockaddr_un::sun_path)) {
    return Status::InvalidArgument("socket path " + path.string() + " is longer than " +
                                   std::to_string(sizeof(sockaddr_un::sun_path) - 1) +
                                   " bytes, the limit for a Unix socket");
  }
  if (path.has_parent_path()) {
    if (Status status = EnsureDirectory(path.parent_path()); !status.ok()) return status;
  }
  struct stat st{};
  if (lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::OK();
    return Status::IOError("cannot inspect " + path.string() + ": " + std::strerror(errno));
  }
  if (!S_ISSOCK(st.st_mode)) {
    return Status::FailedPrecondition(path.string() +
                                      " exists and is not a socket; not replacing it");
  }
  return RemoveStaleSocket(path);
}

Status SetSocketAccess(const std::filesystem::path& path, const std::string& group) {
  if (chmod(path.c_str(), kSocketMode) != 0) {
    return Status::IOError("cannot set the mode of " + path.string() + ": " +
                           std::strerror(errno));
  }
  if (group.empty()) return Status::OK();
  std::vector<char> buffer(16384);
  struct group entry{};
  struct group* found = nullptr;
  if (getgrnam_r(group.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 ||
      found == nullptr) {
    return Status::NotFound("admin group \"" + group + "\" does not exist");
  }
  if (chown(path.c_str(), static_cast<uid_t>(-1), found->gr_gid) != 0) {
    return Status::IOError("cannot give " + path.string() + " to group \"" + group +
                           "\": " + std::strerror(errno));
  }
  return Status::OK();
}

FileIdentity IdentifyFile(const std::filesystem::path& path) {
  struct stat st{};
  if (lstat(path.c_str(), &st) != 0) return {};
  return FileIdentity{st.st_dev, st.st_ino, true};
}

bool RemoveSocketFile(const std::filesystem::path& path, const FileIdentity& identity) {
  FileIdentity now = IdentifyFile(path);
  if (!identity.valid || !now.valid || now.device != identity.device ||
      now.inode != identity.inode) {
    return false;
  }
  return unlink(path.c_str()) == 0;
}

}  // namespace duban
