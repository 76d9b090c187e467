// Tests of [control] socket_group: the socket's group defaults to admin_group, can be
// set apart from it (readers who are not admins), and is checked as a group name.
#include <catch2/catch.hpp>

#include "config/config_loader.h"
#include "tests/config/config_test_util.h"

namespace duban {
namespace {

using testing::CheckError;
using testing::CheckRoundTrip;
using testing::Load;
using testing::LoadOk;
using testing::OnlyError;

TEST_CASE("[control] socket_group defaults to admin_group", "[config][control]") {
  const ControlConfig none = LoadOk("").control;
  CHECK(none.socket_group.empty());
  CHECK(SocketGroupOf(none).empty());
  const ControlConfig admins = LoadOk("[control]\nadmin_group = \"duban\"\n").control;
  CHECK(admins.socket_group.empty());
  CHECK(SocketGroupOf(admins) == "duban");
}

TEST_CASE("[control] socket_group set apart from admin_group", "[config][control]") {
  const Config config =
      LoadOk("[control]\nadmin_group = \"duban-admins\"\nsocket_group = \"duban-staff\"\n");
  CHECK(config.control.admin_group == "duban-admins");
  CHECK(SocketGroupOf(config.control) == "duban-staff");
  CheckRoundTrip(config);
}

TEST_CASE("[control] socket_group must be a group name", "[config][control][errors]") {
  CheckError(OnlyError(Load("[control]\nsocket_group = \"staff members\"\n")), 2, 16,
             "control.socket_group", "socket group");
  CheckError(OnlyError(Load("[control]\nsocket_group = 7\n")), 2, 16, "control.socket_group",
             "string");
}

}  // namespace
}  // namespace duban
