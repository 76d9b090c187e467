// FindRoleOverlaps (workflow/plan.h): the one check behind the importers' "in two roles"
// doubts, as written and after renaming (aliases).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "workflow/plan.h"

namespace duban {
namespace {

std::vector<std::string> Described(const std::vector<RoleOverlap>& overlaps) {
  std::vector<std::string> out;
  for (const RoleOverlap& overlap : overlaps) {
    out.push_back(overlap.name + ":" + std::string(RoleName(overlap.first)) + "+" +
                  std::string(RoleName(overlap.second)));
  }
  return out;
}

TEST_CASE("FindRoleOverlaps lists each name of a later role that an earlier role has",
          "[role_overlaps]") {
  Task task;
  task.lead = {"省发改委", "省科技厅"};
  task.participants = {"省财政厅", "省发改委"};
  task.responsible = {"省科技厅", "省财政厅"};
  CHECK(Described(FindRoleOverlaps(task)) ==
        std::vector<std::string>{"省发改委:lead+participant", "省科技厅:lead+responsible",
                                 "省财政厅:participant+responsible"});
  Task clean;
  clean.lead = {"省发改委"};
  clean.participants = {"省财政厅", "省财政厅"};  // a repeat within one role is not an overlap
  CHECK(FindRoleOverlaps(clean).empty());
}

TEST_CASE("FindRoleOverlaps compares names as renamed", "[role_overlaps]") {
  Task task;
  task.lead = {"省发展改革委"};
  task.participants = {"省发改委"};
  CHECK(FindRoleOverlaps(task).empty());
  auto canonical = [](const std::string& name) {
    return name == "省发展改革委" ? std::string("省发改委") : name;
  };
  CHECK(Described(FindRoleOverlaps(task, canonical)) ==
        std::vector<std::string>{"省发改委:lead+participant"});
}

}  // namespace
}  // namespace duban
