// Test helpers for the webhook tests: a scratch directory, running a command (argv, no
// shell) and capturing its stdout, and a real HTTP receiver (tests/servers/http_receiver.py)
// in a child process whose recorded requests the test reads back.
//
// Header-only; each object belongs to the test that made it.
#ifndef DUBAN_TESTS_NOTIFIERS_WEBHOOK_TEST_UTIL_H_
#define DUBAN_TESTS_NOTIFIERS_WEBHOOK_TEST_UTIL_H_

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

extern char** environ;

namespace duban::webhook_test {

// A fresh directory under the build tree, removed with everything in it at the end.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = std::string(DUBAN_BINARY_DIR) + "/webhook-test-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  std::string Write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path_ / name, std::ios::binary) << bytes;
    return File(name);
  }

 private:
  std::filesystem::path path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A child process started from argv (no shell), with its stdout on a pipe.
class Child {
 public:
  explicit Child(const std::vector<std::string>& argv) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const int error = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    out_ = pipe_fds[0];
    if (error != 0) {
      close(out_);
      throw std::runtime_error("cannot start " + argv[0]);
    }
  }
  ~Child() {
    Stop();
    close(out_);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // One line of stdout (without '\n'), waiting at most `timeout_ms`; "" on EOF or timeout.
  std::string ReadLine(int timeout_ms = 20000) {
    std::string line;
    char c = 0;
    while (true) {
      pollfd ready{out_, POLLIN, 0};
      if (poll(&ready, 1, timeout_ms) <= 0) return line;
      if (read(out_, &c, 1) != 1 || c == '\n') return line;
      line += c;
    }
  }
  // Everything on stdout until EOF, then the exit status (as from waitpid).
  std::string ReadAll() {
    std::string all;
    char buffer[4096];
    for (ssize_t n; (n = read(out_, buffer, sizeof buffer)) > 0;) all.append(buffer, n);
    return all;
  }
  int Wait() {
    int status = 0;
    if (pid_ > 0) waitpid(pid_, &status, 0);
    pid_ = 0;
    return status;
  }
  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    Wait();
  }

 private:
  pid_t pid_ = 0;
  int out_ = -1;
};

// Runs argv to completion; its stdout, or throws if it exits non-zero.
inline std::string Run(const std::vector<std::string>& argv) {
  Child child(argv);
  std::string out = child.ReadAll();
  const int status = child.Wait();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(argv[0] + " " + (argv.size() > 1 ? argv[1] : "") + " failed");
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// tests/servers/http_receiver.py on 127.0.0.1 with `flags`; records to a file in `dir`.
class HttpReceiver {
 public:
  HttpReceiver(const ScratchDir& dir, std::vector<std::string> flags)
      : record_(dir.File("requests-" + std::to_string(++Counter()) + ".jsonl")),
        child_(Argv(record_, std::move(flags))) {
    const std::string port = child_.ReadLine();
    if (port.empty()) throw std::runtime_error("http_receiver.py did not start");
    port_ = std::stoi(port);
  }

  int port() const { return port_; }
  std::string Url(const std::string& scheme = "http", const std::string& path = "/hook") const {
    return scheme + "://127.0.0.1:" + std::to_string(port_) + path;
  }
  // Every request so far, in arrival order.
  std::vector<nlohmann::json> Requests() const {
    std::vector<nlohmann::json> requests;
    std::ifstream in(record_);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) requests.push_back(nlohmann::json::parse(line));
    }
    return requests;
  }

 private:
  static int& Counter() {
    static int counter = 0;
    return counter;
  }
  static std::vector<std::string> Argv(const std::string& record, std::vector<std::string> flags) {
    std::vector<std::string> argv = {DUBAN_PYTHON3,
                                     std::string(DUBAN_SOURCE_DIR) + "/tests/servers/http_receiver.py",
                                     "--record", record};
    argv.insert(argv.end(), flags.begin(), flags.end());
    return argv;
  }

  std::string record_;
  Child child_;
  int port_ = 0;
};

}  // namespace duban::webhook_test

#endif  // DUBAN_TESTS_NOTIFIERS_WEBHOOK_TEST_UTIL_H_
