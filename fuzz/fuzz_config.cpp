// Fuzzes the config loader (config/config_loader.h) on text, as `duband --check-config`
// and a SIGHUP reload would read it. Secrets come from a FakeSecretSource (the ones
// examples/duban.toml names, and one variable), never from /etc or the environment; the
// loader still stats the paths a config names (plan file, CA file, template directory)
// and reads *.mustache files from a template directory, all read-only.
// Beyond "no crash": a config iff no errors; errors in file order, each with a message;
// and a config that loads is described (DescribeConfig) as text that loads back equal.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/config_loader.h"
#include "fuzz/fuzz_check.h"
#include "tests/config/fake_secret_source.h"

namespace duban::fuzz {
namespace {

const LoadOptions& Options() {
  static const testing::FakeSecretSource secrets = [] {
    testing::FakeSecretSource s = testing::ExampleSecrets();
    s.Env("DUBAN_SMTP_PASSWORD", "env-smtp-password");
    return s;
  }();
  static const LoadOptions options{&secrets};
  return options;
}

void CheckErrors(const std::vector<ConfigError>& errors) {
  for (size_t i = 0; i < errors.size(); ++i) {
    const ConfigError& error = errors[i];
    DUBAN_FUZZ_CHECK(!error.message.empty() && error.line >= 0 && error.column >= 0,
                     error.ToString());
    if (i > 0) {
      const ConfigError& before = errors[i - 1];
      DUBAN_FUZZ_CHECK(before.line < error.line ||
                           (before.line == error.line && before.column <= error.column),
                       "out of order: " + error.ToString());
    }
  }
}

}  // namespace
}  // namespace duban::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace duban;
  const std::string_view toml(reinterpret_cast<const char*>(data), size);
  // In examples/, so the relative paths of the example seeds resolve as they do for users.
  const std::filesystem::path path = DUBAN_FUZZ_CONFIG_PATH;
  ConfigLoadResult result = LoadConfigString(toml, path, fuzz::Options());
  DUBAN_FUZZ_CHECK(result.config.has_value() == result.errors.empty(), "config iff no errors");
  fuzz::CheckErrors(result.errors);
  fuzz::CheckErrors(result.warnings);
  if (!result.config) return 0;
  const std::string described = DescribeConfig(*result.config);
  ConfigLoadResult again = LoadConfigString(described, result.config->source, fuzz::Options());
  DUBAN_FUZZ_CHECK(again.config.has_value(),
                   described + "\n-> " + (again.errors.empty() ? "" : again.errors[0].ToString()));
  DUBAN_FUZZ_CHECK(*again.config == *result.config, described);
  return 0;
}
