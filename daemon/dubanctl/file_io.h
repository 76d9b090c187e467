// Whole-file reads and writes for dubanctl (plan files in, CSV exports out), reporting
// failure as an errno value so the caller can name the file and the reason.
#ifndef DUBAN_DAEMON_DUBANCTL_FILE_IO_H_
#define DUBAN_DAEMON_DUBANCTL_FILE_IO_H_

#include <string>
#include <string_view>

namespace duban::ctl {

// Reads the file at `path` into `*content`. 0 on success, else the errno value (EISDIR for
// a directory); `*content` is then unspecified.
int ReadWholeFile(const std::string& path, std::string* content);

// Creates or truncates the file at `path` and writes `content` byte for byte. 0 on
// success, else the errno value.
int WriteWholeFile(const std::string& path, std::string_view content);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_FILE_IO_H_
