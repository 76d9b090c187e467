// Tests of the checks across [[agency]] tables (config/agency_checks.h): names and aliases
// that clash are errors naming both agencies, at the line and field of the later one.
#include "config/config_loader.h"

#include <catch2/catch.hpp>

#include "tests/config/config_test_util.h"

namespace duban {
namespace {

using testing::CheckError;
using testing::CheckRoundTrip;
using testing::Dump;
using testing::kConfigPath;
using testing::Load;
using testing::LoadOk;
using testing::OnlyError;
using testing::TempDir;

TEST_CASE("an alias that is another agency's name is an error naming both", "[config][errors]") {
  ConfigError error = OnlyError(Load(R"([[agency]]
name = "省发改委"
aliases = ["省发展改革委"]

[[agency]]
name = "省经信委"
aliases = ["省经济和信息化委员会", "省发改委"]
)"));
  CheckError(error, 7, 26, "agency[1].aliases[1]",
             "alias \"省发改委\" of 省经信委 is already the name of 省发改委 (agency[0].name, line 2)");
}

TEST_CASE("an alias shared by two agencies is an error naming both", "[config][errors]") {
  ConfigError error = OnlyError(Load(R"([[agency]]
name = "省发改委"
aliases = ["省发展改革委", "发改委"]
[[agency]]
name = "省经信委"
aliases = ["发改委"]
)"));
  CheckError(error, 6, 12, "agency[1].aliases[0]",
             "alias \"发改委\" of 省经信委 is already an alias of 省发改委 (agency[0].aliases[1], line 3)");
}

TEST_CASE("a name that is an earlier agency's alias is an error naming both", "[config][errors]") {
  ConfigError error = OnlyError(Load(R"([[agency]]
name = "省科技厅"
aliases = ["省科学技术厅"]
[[agency]]
name = "省科学技术厅"
)"));
  CheckError(error, 5, 8, "agency[1].name",
             "agency name \"省科学技术厅\" is already an alias of 省科技厅 (agency[0].aliases[0], line 3)");
}

TEST_CASE("duplicate agency names are errors", "[config][errors]") {
  ConfigError error = OnlyError(Load(R"([[agency]]
name = "省财政厅"
[[agency]]
name = "省商务厅"
[[agency]]
name = "省财政厅"
email = "czt@example.gov.cn"
)"));
  CheckError(error, 6, 8, "agency[2].name", "duplicate agency name \"省财政厅\" (first at agency[0].name, line 2)");
}

TEST_CASE("aliases repeated within one agency are errors", "[config][errors]") {
  CheckError(OnlyError(Load("[[agency]]\nname = \"省科技厅\"\naliases = [\"省科学技术厅\", \"省科学技术厅\"]\n")),
             3, 22, "agency[0].aliases[1]", "alias \"省科学技术厅\" is listed twice");
  CheckError(OnlyError(Load("[[agency]]\nname = \"省科技厅\"\naliases = [\"省科技厅\"]\n")), 3, 12,
             "agency[0].aliases[0]", "alias \"省科技厅\" repeats the agency's own name");
}

// --- many errors at once ---

}  // namespace
}  // namespace duban
