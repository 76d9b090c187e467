#include "daemon/dubanctl/file_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace duban::ctl {

int ReadWholeFile(const std::string& path, std::string* content) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  content->clear();
  char buffer[64 * 1024];
  while (true) {
    ssize_t got = ::read(fd, buffer, sizeof(buffer));
    if (got > 0) {
      content->append(buffer, static_cast<std::size_t>(got));
    } else if (got == 0) {
      break;
    } else if (errno != EINTR) {
      int error = errno;
      ::close(fd);
      return error;
    }
  }
  ::close(fd);
  return 0;
}

int WriteWholeFile(const std::string& path, std::string_view content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return errno;
  while (!content.empty()) {
    ssize_t put = ::write(fd, content.data(), content.size());
    if (put < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      return error;
    }
    content.remove_prefix(static_cast<std::size_t>(put));
  }
  if (::close(fd) != 0) return errno;
  return 0;
}

}  // namespace duban::ctl
