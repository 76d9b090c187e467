// AtomicFile: a file written whole or not at all, for dubanctl's exports and backups. The
// bytes go to a temporary file beside the target (same directory, so the rename cannot
// cross file systems), created with the final mode from the start; Commit flushes it to
// disk and renames it over the target, so a reader never sees half a file and a failed or
// interrupted run leaves the old file (if any) as it was. Without Commit the temporary
// file is removed.
//
// Not thread-safe; one writer.
#ifndef DUBAN_DAEMON_DUBANCTL_ATOMIC_FILE_H_
#define DUBAN_DAEMON_DUBANCTL_ATOMIC_FILE_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <string_view>

#include "workflow/status.h"

namespace duban::ctl {

class AtomicFile {
 public:
  // Starts writing `path` with `mode` (0600 for files holding contact addresses): creates
  // the temporary file. kIOError naming `path` and the reason if it cannot.
  static Result<std::unique_ptr<AtomicFile>> Create(const std::string& path, mode_t mode);

  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  Status Write(std::string_view bytes);
  // fsync, close, rename over the target, fsync the directory. kIOError naming the file.
  Status Commit();

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }

 private:
  AtomicFile(std::string path, std::string temp_path, int fd);
  Status Failure(const std::string& what, int error) const;

  const std::string path_;
  const std::string temp_path_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_ATOMIC_FILE_H_
