// FakeDaemon: a one-connection stand-in for duband on a socket in a fresh temporary
// folder, for tests of dubanctl's client and commands. It accepts one connection, reads one
// request line, answers with what `respond` returns, and closes.
//
// The destructor joins the serving thread, which waits for that one connection: a test
// that builds a FakeDaemon must connect to it once.
#ifndef DUBAN_TESTS_DAEMON_FAKE_DAEMON_H_
#define DUBAN_TESTS_DAEMON_FAKE_DAEMON_H_

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

namespace duban::ctl {

// A one-connection stand-in for duband: accepts, reads one request line, writes what
// `respond` returns (nothing: hold the connection open for `hold`), then closes.
class FakeDaemon {
 public:
  using Respond = std::function<std::string(const std::string& request_line)>;

  explicit FakeDaemon(Respond respond,
                      std::chrono::milliseconds hold = std::chrono::milliseconds(0),
                      bool read_request = true)
      : read_request_(read_request) {
    char dir_template[] = "/tmp/dubanctl-test-XXXXXX";
    REQUIRE(::mkdtemp(dir_template) != nullptr);
    dir_ = dir_template;
    path_ = dir_ + "/duband.sock";
    listener_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(listener_ >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path_.c_str(), sizeof(address.sun_path) - 1);
    REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    REQUIRE(::listen(listener_, 4) == 0);
    thread_ = std::thread([this, respond = std::move(respond), hold] { Serve(respond, hold); });
  }

  ~FakeDaemon() {
    thread_.join();
    ::close(listener_);
    std::filesystem::remove_all(dir_);
  }

  const std::string& path() const { return path_; }
  const std::string& request_line() const { return request_line_; }  // after the call

 private:
  void Serve(const Respond& respond, std::chrono::milliseconds hold) {
    int fd = ::accept(listener_, nullptr, nullptr);
    if (fd < 0) return;
    char c;
    while (read_request_ && ::read(fd, &c, 1) == 1 && c != '\n') request_line_ += c;
    std::string reply = respond(request_line_);
    if (reply.empty()) {
      std::this_thread::sleep_for(hold);
    } else {
      ssize_t unused = ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
      (void)unused;
    }
    ::close(fd);
  }

  const bool read_request_;
  std::string dir_;
  std::string path_;
  int listener_ = -1;
  std::string request_line_;
  std::thread thread_;
};

}  // namespace duban::ctl

#endif  // DUBAN_TESTS_DAEMON_FAKE_DAEMON_H_
