// The control socket's file in the file system: making room for it at start-up, giving it
// its mode and group, and removing it at stop without removing someone else's.
//
// A socket file left by a crashed daemon is replaced; one that a live daemon answers on
// is not (two daemons on one store would undo each other's work).
//
// Thread-safety: free functions; PrepareSocketPath and BindMode change process-wide state
// (the file system, the umask) and belong to start-up on the main thread.
#ifndef DUBAN_DAEMON_DUBAND_SOCKET_FILE_H_
#define DUBAN_DAEMON_DUBAND_SOCKET_FILE_H_

#include <sys/stat.h>
#include <sys/types.h>

#include <filesystem>
#include <string>

#include "workflow/status.h"

namespace duban {

// The socket's mode: owner and group may connect; never world-writable.
inline constexpr mode_t kSocketMode = 0660;

// Makes `path` free for bind(): creates its parent directory (0750) if missing; if a file
// is there, connects to it: kConflict "socket X is in use by another duband" if something
// answers, kFailedPrecondition if the file is not a socket, else unlinks the stale socket.
// kInvalidArgument if the path is too long for a Unix socket address.
Status PrepareSocketPath(const std::filesystem::path& path);

// Sets the umask so a socket bound while this lives gets kSocketMode; restores it after.
class ScopedSocketUmask {
 public:
  ScopedSocketUmask() : previous_(umask(0777 & ~kSocketMode)) {}
  ~ScopedSocketUmask() { umask(previous_); }
  ScopedSocketUmask(const ScopedSocketUmask&) = delete;
  ScopedSocketUmask& operator=(const ScopedSocketUmask&) = delete;

 private:
  mode_t previous_;
};

// Gives the socket file kSocketMode and, if `group` is not empty, that group.
// kNotFound if the group does not exist, kIOError if chmod/chown fails.
Status SetSocketAccess(const std::filesystem::path& path, const std::string& group);

// The identity of a file, to recognise our own socket later.
struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  bool valid = false;
};
FileIdentity IdentifyFile(const std::filesystem::path& path);

// Unlinks `path` if it is still the file `identity` names (another daemon may have
// replaced it since). Returns whether it did.
bool RemoveSocketFile(const std::filesystem::path& path, const FileIdentity& identity);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_SOCKET_FILE_H_
