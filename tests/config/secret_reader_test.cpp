// Tests of config/secret_reader.h: the system's files and environment, the checks on a
// secret file (others may not read it), and that no message or description ever
// contains a secret's value.
#include "config/secret_reader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/config/config_test_util.h"

namespace duban {
namespace {

using testing::TempDir;

constexpr const char* kValue = "s3cr3t-VALUE-8c1f";

// Writes a secret file with `mode`.
std::filesystem::path WriteSecret(const TempDir& dir, const std::string& name, std::string_view content,
                                  mode_t mode = 0600) {
  const auto path = dir.Write(name, content);
  REQUIRE(::chmod(path.c_str(), mode) == 0);
  return path;
}

// Sets an environment variable for the scope of a test.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

TEST_CASE("a secret file is read with its trailing line breaks stripped", "[config][secret]") {
  TempDir dir;
  const SecretSource& source = SystemSecretSource();
  CHECK(*source.ReadFile(WriteSecret(dir, "a", std::string(kValue) + "\n")) == kValue);
  CHECK(*source.ReadFile(WriteSecret(dir, "b", std::string(kValue) + "\r\n\n")) == kValue);
  CHECK(*source.ReadFile(WriteSecret(dir, "c", kValue)) == kValue);
  // Only line breaks at the end: inner ones and other blanks are part of the secret.
  CHECK(*source.ReadFile(WriteSecret(dir, "d", " a\nb \n")) == " a\nb ");
  // Group-readable by its own group is how duband (group duban) reads a root-owned secret.
  CHECK(*source.ReadFile(WriteSecret(dir, "e", kValue, 0640)) == kValue);
}

TEST_CASE("a secret file readable by others is refused with the fix", "[config][secret]") {
  TempDir dir;
  const auto path = WriteSecret(dir, "smtp-password", kValue, 0644);
  auto result = SystemSecretSource().ReadFile(path);
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().message() == "secret file " + path.string() + " is readable by others (mode 0644); run chmod o-r " +
                                         path.string());
  CHECK_THAT(result.status().message(), !Catch::Contains(kValue));
  // o+r alone is enough to refuse.
  CHECK_FALSE(SystemSecretSource().ReadFile(WriteSecret(dir, "x", kValue, 0604)).ok());
}

// A group this process may give a file that is not its effective group: any group as root
// (nogroup, 65534), else one of its supplementary groups; nullopt if it has none.
std::optional<gid_t> OtherGroup() {
  if (::geteuid() == 0) return gid_t{65534};
  std::vector<gid_t> groups(static_cast<size_t>(::getgroups(0, nullptr)));
  groups.resize(static_cast<size_t>(::getgroups(static_cast<int>(groups.size()), groups.data())));
  for (gid_t group : groups) {
    if (group != ::getegid()) return group;
  }
  return std::nullopt;
}

TEST_CASE("a secret file readable by a group other than duband's is refused with the fix",
          "[config][secret]") {
  const std::optional<gid_t> other = OtherGroup();
  if (!other) {
    WARN("skipped: this user has no group but its own to give the file");
    return;
  }
  TempDir dir;
  const auto path = WriteSecret(dir, "webhook-secret", kValue, 0640);
  REQUIRE(::chown(path.c_str(), static_cast<uid_t>(-1), *other) == 0);
  auto result = SystemSecretSource().ReadFile(path);
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == Status::Code::kPermissionDenied);
  CHECK_THAT(result.status().message(),
             Catch::StartsWith("secret file " + path.string() + " is readable by group "));
  CHECK_THAT(result.status().message(), Catch::Contains("(mode 0640), which duband does not run as"));
  CHECK_THAT(result.status().message(), Catch::EndsWith(" or chmod g-r " + path.string()));
  CHECK_THAT(result.status().message(), !Catch::Contains(kValue));
  // The same file without group read is fine: only the owner reads it.
  REQUIRE(::chmod(path.c_str(), 0600) == 0);
  CHECK(*SystemSecretSource().ReadFile(path) == kValue);
}

TEST_CASE("a missing, empty, oversized or non-regular secret file is an error naming it", "[config][secret]") {
  TempDir dir;
  const SecretSource& source = SystemSecretSource();
  auto missing = source.ReadFile(dir.path() / "nope");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message() == "secret file " + (dir.path() / "nope").string() + " does not exist");

  auto empty = source.ReadFile(WriteSecret(dir, "empty", "\n\n"));
  REQUIRE_FALSE(empty.ok());
  CHECK_THAT(empty.status().message(), Catch::EndsWith("/empty is empty"));

  auto large = source.ReadFile(WriteSecret(dir, "large", std::string(kMaxSecretBytes + 1, 'x')));
  REQUIRE_FALSE(large.ok());
  CHECK_THAT(large.status().message(), Catch::Contains("is larger than 65536 bytes"));

  std::filesystem::create_directories(dir.path() / "sub");
  ::chmod((dir.path() / "sub").c_str(), 0700);
  auto directory = source.ReadFile(dir.path() / "sub");
  REQUIRE_FALSE(directory.ok());
  CHECK_THAT(directory.status().message(), Catch::EndsWith("/sub is not a regular file"));
}

TEST_CASE("an unreadable secret file names the file and the reason", "[config][secret]") {
  if (::geteuid() == 0) {
    WARN("running as root: every file is readable, nothing to test");
    return;
  }
  TempDir dir;
  const auto path = WriteSecret(dir, "locked", kValue, 0000);
  auto result = SystemSecretSource().ReadFile(path);
  REQUIRE_FALSE(result.ok());
  CHECK_THAT(result.status().message(), Catch::StartsWith("cannot read secret file " + path.string() + ": "));
}

TEST_CASE("an environment secret is read, and a missing or empty one names the variable", "[config][secret]") {
  ScopedEnv set("DUBAN_TEST_SECRET_SET", kValue);
  ScopedEnv empty("DUBAN_TEST_SECRET_EMPTY", "");
  ::unsetenv("DUBAN_TEST_SECRET_UNSET");
  const SecretSource& source = SystemSecretSource();
  CHECK(*source.ReadEnv("DUBAN_TEST_SECRET_SET") == kValue);
  auto unset = source.ReadEnv("DUBAN_TEST_SECRET_UNSET");
  REQUIRE_FALSE(unset.ok());
  CHECK(unset.status().message() == "environment variable DUBAN_TEST_SECRET_UNSET is not set");
  auto blank = source.ReadEnv("DUBAN_TEST_SECRET_EMPTY");
  REQUIRE_FALSE(blank.ok());
  CHECK(blank.status().message() == "environment variable DUBAN_TEST_SECRET_EMPTY is empty");
}

TEST_CASE("ReadSecret reads the file, else the variable, and clears on failure", "[config][secret]") {
  TempDir dir;
  ScopedEnv set("DUBAN_TEST_SECRET_SET", "from-env");
  Secret secret;
  CHECK(ReadSecret(SystemSecretSource(), secret).ok());
  CHECK(secret.value.empty());

  secret.file = WriteSecret(dir, "s", "from-file\n");
  CHECK(ReadSecret(SystemSecretSource(), secret).ok());
  CHECK(secret.value == "from-file");

  secret = Secret{};
  secret.env = "DUBAN_TEST_SECRET_SET";
  CHECK(ReadSecret(SystemSecretSource(), secret).ok());
  CHECK(secret.value == "from-env");

  secret.env = "DUBAN_TEST_SECRET_UNSET";
  ::unsetenv("DUBAN_TEST_SECRET_UNSET");
  CHECK_FALSE(ReadSecret(SystemSecretSource(), secret).ok());
  CHECK(secret.value.empty());
}

TEST_CASE("DescribeSecret says where a secret comes from, never what it is", "[config][secret]") {
  Secret secret{"/etc/duban/smtp-password", "", kValue};
  CHECK(DescribeSecret(secret) == "(from file /etc/duban/smtp-password)");
  secret = Secret{"", "DUBAN_SMTP_PASSWORD", kValue};
  CHECK(DescribeSecret(secret) == "(from env DUBAN_SMTP_PASSWORD)");
  CHECK(DescribeSecret(Secret{}) == "(none)");
}

TEST_CASE("StripTrailingLineBreaks strips only line breaks at the end", "[config][secret]") {
  CHECK(StripTrailingLineBreaks("a\n") == "a");
  CHECK(StripTrailingLineBreaks("a\r\n\r\n") == "a");
  CHECK(StripTrailingLineBreaks("a\r") == "a\r");
  CHECK(StripTrailingLineBreaks("a \t") == "a \t");
  CHECK(StripTrailingLineBreaks("\n") == "");
}

}  // namespace
}  // namespace duban
