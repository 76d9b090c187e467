// FakeSecretSource: secrets from maps instead of /etc and the environment, so tests can
// load configs that name production paths (examples/duban.toml names
// /etc/duban/smtp-password) and count what was read.
#ifndef DUBAN_TESTS_CONFIG_FAKE_SECRET_SOURCE_H_
#define DUBAN_TESTS_CONFIG_FAKE_SECRET_SOURCE_H_

#include <filesystem>
#include <map>
#include <string>

#include "config/secret_reader.h"

namespace duban::testing {

class FakeSecretSource : public SecretSource {
 public:
  FakeSecretSource& File(const std::filesystem::path& path, std::string value) {
    files_[path.string()] = std::move(value);
    return *this;
  }
  FakeSecretSource& Env(const std::string& name, std::string value) {
    env_[name] = std::move(value);
    return *this;
  }

  Result<std::string> ReadFile(const std::filesystem::path& path) const override {
    ++reads_;
    auto it = files_.find(path.string());
    if (it == files_.end()) return Status::NotFound("secret file " + path.string() + " does not exist");
    return it->second;
  }
  Result<std::string> ReadEnv(const std::string& name) const override {
    ++reads_;
    auto it = env_.find(name);
    if (it == env_.end()) return Status::NotFound("environment variable " + name + " is not set");
    return it->second;
  }

  int reads() const { return reads_; }

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> env_;
  mutable int reads_ = 0;
};

// The secrets examples/duban.toml names, with values of the right shape.
inline const FakeSecretSource& ExampleSecrets() {
  static const FakeSecretSource source = [] {
    FakeSecretSource s;
    s.File("/etc/duban/smtp-password", "example-smtp-password");
    s.File("/etc/duban/dingtalk-office.secret", "SECexample0000000000000000000000000000000000000000000000000000000");
    return s;
  }();
  return source;
}

}  // namespace duban::testing

#endif  // DUBAN_TESTS_CONFIG_FAKE_SECRET_SOURCE_H_
