// `duband --check-store FILE`: checks a store file before it is put in place (a restore,
// docs/BACKUP.md) without starting anything. The file is opened read-only
// (CheckStoreFile: integrity_check, duban's application id, a schema version this duband
// can open) and a short summary is printed.
//
// Thread-safety: a free function; touches only the file it is given.
#ifndef DUBAN_DAEMON_DUBAND_CHECK_STORE_H_
#define DUBAN_DAEMON_DUBAND_CHECK_STORE_H_

#include <iosfwd>
#include <string>

namespace duban {

// Prints the summary to `out` and returns 0, or prints "duband: <FILE>: <why>" to `err`
// and returns 1.
int CheckStoreCommand(const std::string& path, std::ostream& out, std::ostream& err);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_CHECK_STORE_H_
