// Helpers shared by the duband tests: fixed peers, a temporary directory, and a plain
// blocking Unix-socket client with bounded waits (no sleeps).
#ifndef DUBAN_TESTS_DAEMON_DUBAND_TEST_UTIL_H_
#define DUBAN_TESTS_DAEMON_DUBAND_TEST_UTIL_H_

#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>

#include "daemon/duband/peer_credentials.h"

namespace duban::testing {

inline PeerCredentials RootPeer() {
  PeerCredentials peer;
  peer.pid = 1;
  peer.uid = 0;
  peer.gid = 0;
  peer.user = "root";
  return peer;
}

// Neither root nor the daemon's (this test's) user, in no admin group.
inline PeerCredentials OutsiderPeer() {
  PeerCredentials peer;
  peer.pid = 4242;
  peer.uid = geteuid() == 4242 ? 4243 : 4242;
  peer.gid = peer.uid;
  peer.user = "";
  return peer;
}

// A fresh directory under /tmp (short, so socket paths fit sun_path), removed at the end.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/duband-test-XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A blocking client socket; -1 if connect failed.
inline int ConnectUnix(const std::filesystem::path& path) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

inline bool SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

// Reads one line (without newline) within `timeout`; nullopt on EOF, error or timeout.
// Reads byte by byte so nothing after the newline is consumed.
inline std::optional<std::string> ReadLine(int fd, std::chrono::milliseconds timeout =
                                                       std::chrono::seconds(5)) {
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
    char c = 0;
    if (recv(fd, &c, 1, 0) != 1) return std::nullopt;
    if (c == '\n') return line;
    line.push_back(c);
  }
}

// True if the peer closes the connection within `timeout` (EOF or reset on read).
inline bool WaitForClose(int fd, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[4096];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) return true;
  }
}

}  // namespace duban::testing

#endif  // DUBAN_TESTS_DAEMON_DUBAND_TEST_UTIL_H_
