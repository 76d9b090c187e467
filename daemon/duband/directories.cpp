#include "daemon/duband/directories.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace duban {
namespace {

Status Error(const std::string& what, const std::filesystem::path& path) {
  return Status::IOError(what + " " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

Status EnsureDirectory(const std::filesystem::path& dir, mode_t mode) {
  if (dir.empty()) return Status::InvalidArgument("empty directory path");
  // Collect the missing components, innermost last.
  std::vector<std::filesystem::path> missing;
  for (std::filesystem::path p = dir; !p.empty(); p = p.parent_path()) {
    struct stat st{};
    if (stat(p.c_str(), &st) == 0) {
      if (!S_ISDIR(st.st_mode)) {
        return Status::IOError(p.string() + " exists and is not a directory");
      }
      break;
    }
    if (errno != ENOENT && errno != ENOTDIR) return Error("cannot inspect", p);
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (mkdir(it->c_str(), mode) != 0 && errno != EEXIST) return Error("cannot create", *it);
    if (chmod(it->c_str(), mode) != 0) return Error("cannot set the mode of", *it);
  }
  return Status::OK();
}

}  // namespace duban
