// Creating the daemon's directories (state, mail, the socket's parent) with a private
// mode. Existing directories are left exactly as they are: the administrator (or
// systemd's StateDirectory=/RuntimeDirectory=) may have chosen their owner and mode.
//
// Thread-safety: free function; safe from any thread (chmod races only with itself).
#ifndef DUBAN_DAEMON_DUBAND_DIRECTORIES_H_
#define DUBAN_DAEMON_DUBAND_DIRECTORIES_H_

#include <sys/types.h>

#include <filesystem>

#include "workflow/status.h"

namespace duban {

inline constexpr mode_t kPrivateDirectoryMode = 0750;

// Creates `dir` and any missing parents, each with exactly `mode` (not subject to the
// umask). OK if `dir` already is a directory; kIOError naming the path otherwise.
Status EnsureDirectory(const std::filesystem::path& dir, mode_t mode = kPrivateDirectoryMode);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_DIRECTORIES_H_
