// Test helpers for the email tests: a scratch directory, child processes (argv, no shell),
// a self-signed certificate made once per test binary with openssl, the real SMTP server
// (tests/servers/smtp_server.py) in a child process whose saved messages and events the
// test reads back, and the independent decoder (tests/notifiers/decode_email.py, Python's
// email package).
//
// Header-only; each object belongs to the test that made it. (The webhook tests have
// similar helpers in webhook_test_util.h; these are kept apart so each team's tests change
// on their own.)
#ifndef DUBAN_TESTS_NOTIFIERS_EMAIL_TEST_UTIL_H_
#define DUBAN_TESTS_NOTIFIERS_EMAIL_TEST_UTIL_H_

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflow/message.h"

extern char** environ;

namespace duban::email_test {

namespace fs = std::filesystem;

// A fresh directory under the build tree, removed with everything in it at the end.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = std::string(DUBAN_BINARY_DIR) + "/email-test-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

inline void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// A child process started from argv (no shell), its stdout on a pipe (stderr shared, or
// discarded if `quiet`), stopped with SIGTERM and reaped when the object goes.
class Child {
 public:
  explicit Child(const std::vector<std::string>& argv, bool quiet = false) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    if (quiet) {
      posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    }
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const int error = ::posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    out_ = fds[0];
    if (error != 0) {
      ::close(out_);
      throw std::runtime_error("cannot start " + argv[0]);
    }
  }
  ~Child() {
    Stop();
    ::close(out_);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // One line of stdout without its '\n'; "" on end of file or after `timeout_ms`.
  std::string ReadLine(int timeout_ms = 20000) {
    std::string line;
    char c = 0;
    while (true) {
      pollfd ready{out_, POLLIN, 0};
      if (::poll(&ready, 1, timeout_ms) <= 0) return line;
      if (::read(out_, &c, 1) != 1 || c == '\n') return line;
      line += c;
    }
  }
  std::string ReadAll() {
    std::string all;
    char buffer[4096];
    for (ssize_t n; (n = ::read(out_, buffer, sizeof buffer)) > 0;) {
      all.append(buffer, static_cast<size_t>(n));
    }
    return all;
  }
  int Wait() {
    int status = 0;
    if (pid_ > 0) ::waitpid(pid_, &status, 0);
    pid_ = 0;
    return status;
  }
  void Stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    Wait();
  }

 private:
  pid_t pid_ = 0;
  int out_ = -1;
};

// Runs argv to completion and returns its stdout; throws if it fails.
inline std::string Run(const std::vector<std::string>& argv, bool quiet = false) {
  Child child(argv, quiet);
  std::string out = child.ReadAll();
  const int status = child.Wait();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(argv[0] + " " + (argv.size() > 1 ? argv[1] : "") + " failed");
  }
  return out;
}

// A self-signed certificate for localhost and 127.0.0.1, made once per test binary.
struct Certificate {
  std::string cert;
  std::string key;
};

inline const Certificate& TestCertificate() {
  static ScratchDir dir;
  static const Certificate made = [] {
    Certificate c{(dir / "cert.pem").string(), (dir / "key.pem").string()};
    Run({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", c.key, "-out", c.cert},
        /*quiet=*/true);
    return c;
  }();
  return made;
}

// tests/servers/smtp_server.py on 127.0.0.1 with `flags` (see the script's usage); saves
// messages in its own folder of `dir`.
class SmtpServer {
 public:
  SmtpServer(const ScratchDir& dir, std::vector<std::string> flags)
      : mail_dir_(dir / ("smtp-" + std::to_string(++Counter()))),
        events_(mail_dir_.string() + ".events.jsonl"),
        child_(Argv(mail_dir_, events_, std::move(flags))) {
    const std::string port = child_.ReadLine();
    if (port.empty()) throw std::runtime_error("smtp_server.py did not start");
    port_ = std::stoi(port);
  }

  int port() const { return port_; }
  std::string Url(const std::string& scheme = "smtp") const {
    return scheme + "://127.0.0.1:" + std::to_string(port_);
  }
  // The saved messages (.eml), in arrival order.
  std::vector<fs::path> Messages() const {
    std::vector<fs::path> files;
    if (!fs::exists(mail_dir_)) return files;
    for (const fs::directory_entry& entry : fs::directory_iterator(mail_dir_)) {
      if (entry.path().extension() == ".eml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
  }
  // The envelope the server saved beside a message.
  nlohmann::json Envelope(const fs::path& eml) const {
    fs::path meta = eml;
    return nlohmann::json::parse(ReadFile(meta.replace_extension(".json")));
  }
  // The events so far, optionally only those named `kind`.
  std::vector<nlohmann::json> Events(const std::string& kind = "") const {
    std::vector<nlohmann::json> events;
    std::ifstream in(events_);
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      nlohmann::json event = nlohmann::json::parse(line);
      if (kind.empty() || event["event"] == kind) events.push_back(std::move(event));
    }
    return events;
  }
  // True once `count` events named `kind` were recorded; false if that takes longer than
  // `timeout_ms` (for what the server does on its own time, such as closing idle sessions).
  bool AwaitEvents(const std::string& kind, size_t count, int timeout_ms = 10000) const {
    for (int waited = 0; Events(kind).size() < count; waited += 20) {
      if (waited >= timeout_ms) return false;
      ::usleep(20 * 1000);
    }
    return true;
  }

 private:
  static int& Counter() {
    static int counter = 0;
    return counter;
  }
  static std::vector<std::string> Argv(const fs::path& mail_dir, const fs::path& events,
                                       std::vector<std::string> flags) {
    std::vector<std::string> argv = {DUBAN_PYTHON3,
                                     std::string(DUBAN_SOURCE_DIR) + "/tests/servers/smtp_server.py",
                                     "--mail-dir", mail_dir.string(), "--events", events.string()};
    argv.insert(argv.end(), flags.begin(), flags.end());
    return argv;
  }

  fs::path mail_dir_;
  fs::path events_;
  Child child_;
  int port_ = 0;
};

// A loopback port where nothing listens: bound (so no one else takes it) but not
// listening, so a connection is refused at once.
class DeadPort {
 public:
  DeadPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("cannot bind a loopback port");
    }
    port_ = ntohs(address.sin_port);
  }
  ~DeadPort() { ::close(fd_); }
  DeadPort(const DeadPort&) = delete;
  DeadPort& operator=(const DeadPort&) = delete;

  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// What Python's email package reads in the file (see decode_email.py for the keys).
inline nlohmann::json DecodeEmailFile(const fs::path& eml) {
  return nlohmann::json::parse(
      Run({DUBAN_PYTHON3, std::string(DUBAN_SOURCE_DIR) + "/tests/notifiers/decode_email.py",
           eml.string()}));
}

inline nlohmann::json DecodeEmailBytes(const std::string& bytes) {
  ScratchDir dir;
  WriteFile(dir / "message.eml", bytes);
  return DecodeEmailFile(dir / "message.eml");
}

// A digest notice as the planner would queue it; tests change what they look at.
inline Message SampleMessage(int64_t id = 1) {
  Message m;
  m.id = id;
  m.key = "email|fgw@example.gov.cn|1751356800|" + std::to_string(id);
  m.channel = Channel::kEmail;
  m.target = "fgw@example.gov.cn";
  m.recipient_name = "省发改委";
  m.level = Level::kUrge;
  m.subject = "【催办】省发改委：2项工作已逾期";
  m.text = "省发改委：\n\n以下工作已逾期，请尽快报送办理情况。\n1. 着力抓好重点项目建设\n";
  m.html = "<p>省发改委：</p><p>以下工作已逾期，请尽快报送办理情况。</p>";
  m.thread = "agency:省发改委";
  m.created_at = 1751356800;  // 2025-07-01 08:00:00 UTC
  return m;
}

}  // namespace duban::email_test

#endif  // DUBAN_TESTS_NOTIFIERS_EMAIL_TEST_UTIL_H_
