// ScriptedDaemon: a stand-in for duband that answers a fixed number of connections, one
// request each, in order (dubanctl connects once per request), for tests of commands that
// ask the daemon more than once, such as `notify test` polling outbox.message. Each
// answer is the reply line for that turn's request; the requests are recorded.
//
// Finish (or the destructor) joins the serving thread, which waits for every scripted
// connection; each accept is bounded by a poll deadline, so a client that makes fewer
// calls than scripted ends the script (the test sees fewer requests) instead of hanging.
#ifndef DUBAN_TESTS_DAEMON_SCRIPTED_DAEMON_H_
#define DUBAN_TESTS_DAEMON_SCRIPTED_DAEMON_H_

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "daemon/protocol.h"

namespace duban::ctl {

class ScriptedDaemon {
 public:
  // One ok result per expected request, answered in this order.
  explicit ScriptedDaemon(std::vector<nlohmann::json> results) : results_(std::move(results)) {
    char dir_template[] = "/tmp/dubanctl-script-XXXXXX";
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
    thread_ = std::thread([this] { Serve(); });
  }

  ~ScriptedDaemon() {
    Finish();
    ::close(listener_);
    std::filesystem::remove_all(dir_);
  }

  const std::string& path() const { return path_; }

  // Waits for the script to end (every turn served, or a turn with no client within five
  // seconds) and returns the requests received, parsed, in order.
  const std::vector<nlohmann::json>& Finish() {
    if (thread_.joinable()) thread_.join();
    return requests_;
  }

 private:
  void Serve() {
    for (const nlohmann::json& result : results_) {
      pollfd ready{listener_, POLLIN, 0};
      if (::poll(&ready, 1, 5000) <= 0) return;  // the client asked less than scripted
      int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      std::string line;
      char c;
      while (::read(fd, &c, 1) == 1 && c != '\n') line += c;
      nlohmann::json request = nlohmann::json::parse(line, nullptr, false);
      requests_.push_back(request);
      const int64_t id = request.is_object() ? request.value("id", int64_t{0}) : 0;
      std::string reply = protocol::MakeOkReply(id, result) + "\n";
      ssize_t unused = ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
      (void)unused;
      ::close(fd);
    }
  }

  const std::vector<nlohmann::json> results_;
  std::string dir_;
  std::string path_;
  int listener_ = -1;
  std::vector<nlohmann::json> requests_;
  std::thread thread_;
};

}  // namespace duban::ctl

#endif  // DUBAN_TESTS_DAEMON_SCRIPTED_DAEMON_H_
