#include "workflow/agency_directory.h"

#include <catch2/catch.hpp>

namespace duban {
namespace {

AgencyInfo Info(std::string name, std::vector<std::string> aliases) {
  AgencyInfo info;
  info.name = std::move(name);
  info.aliases = std::move(aliases);
  return info;
}

AgencyDirectory MakeDirectory() {
  AgencyDirectory directory;
  REQUIRE(directory.Add(Info("省发改委", {"省发展改革委", "省发展和改革委员会"})).ok());
  REQUIRE(directory.Add(Info("省经信委", {"省经济和信息化委员会"})).ok());
  return directory;
}

TEST_CASE("AgencyDirectory: canonical names", "[agency_directory]") {
  AgencyDirectory directory = MakeDirectory();
  CHECK(directory.Canonical("省发改委") == "省发改委");
  CHECK(directory.Canonical("省发展改革委") == "省发改委");
  CHECK(directory.Canonical("省发展和改革委员会") == "省发改委");
  CHECK(directory.Canonical("省经济和信息化委员会") == "省经信委");
  CHECK(directory.Canonical("省财政厅") == "省财政厅");  // unknown: itself
  CHECK(directory.Canonical("") == "");
  REQUIRE(directory.agencies().size() == 2);
  CHECK(directory.agencies()[0].name == "省发改委");
  CHECK(directory.agencies()[1].aliases == std::vector<std::string>{"省经济和信息化委员会"});
}

TEST_CASE("AgencyDirectory: a name of another agency is a conflict", "[agency_directory]") {
  AgencyDirectory directory = MakeDirectory();

  SECTION("alias equal to another canonical name") {
    Status status = directory.Add(Info("省财政厅", {"省发改委"}));
    CHECK(status.code() == Status::Code::kConflict);
    CHECK(status.message().find("省财政厅") != std::string::npos);
    CHECK(status.message().find("省发改委") != std::string::npos);
  }
  SECTION("alias equal to another agency's alias") {
    Status status = directory.Add(Info("省财政厅", {"财政厅", "省发展改革委"}));
    CHECK(status.code() == Status::Code::kConflict);
    CHECK(status.message().find("省发展改革委") != std::string::npos);
    CHECK(status.message().find("省发改委") != std::string::npos);
    // Nothing was added, not even the first, harmless alias.
    CHECK(directory.Canonical("财政厅") == "财政厅");
    CHECK(directory.agencies().size() == 2);
  }
  SECTION("canonical name equal to another agency's alias") {
    Status status = directory.Add(Info("省发展改革委", {}));
    CHECK(status.code() == Status::Code::kConflict);
    CHECK(directory.Canonical("省发展改革委") == "省发改委");
  }
  SECTION("the same agency twice") {
    CHECK(directory.Add(Info("省经信委", {})).code() == Status::Code::kConflict);
  }
}

TEST_CASE("AgencyDirectory: odd but harmless input", "[agency_directory]") {
  AgencyDirectory directory;
  CHECK(directory.Add(Info("省科技厅", {"省科技厅", "科技厅", "科技厅"})).ok());
  CHECK(directory.Canonical("科技厅") == "省科技厅");
  CHECK(directory.Add(Info("", {"x"})).code() == Status::Code::kInvalidArgument);
  CHECK(directory.Add(Info("省商务厅", {""})).code() == Status::Code::kInvalidArgument);
  CHECK(directory.agencies().size() == 1);
}

TEST_CASE("AgencyDirectory: Canonicalise rewrites every role", "[agency_directory]") {
  AgencyDirectory directory = MakeDirectory();
  Plan plan;
  Task task;
  task.ref = "1";
  task.lead = {"省发展改革委", "省经济和信息化委员会"};
  task.participants = {"省财政厅", "省发展和改革委员会"};
  task.responsible = {"省发改委"};
  task.officials = {"省发展改革委"};  // persons, never rewritten
  plan.tasks.push_back(task);

  directory.Canonicalise(&plan);
  const Task& out = plan.tasks[0];
  CHECK(out.lead == std::vector<std::string>{"省发改委", "省经信委"});
  CHECK(out.participants == std::vector<std::string>{"省财政厅", "省发改委"});
  CHECK(out.responsible == std::vector<std::string>{"省发改委"});
  CHECK(out.officials == std::vector<std::string>{"省发展改革委"});
}

TEST_CASE("AgencyDirectory: duplicates after rewriting are kept once, first position",
          "[agency_directory]") {
  AgencyDirectory directory = MakeDirectory();
  Plan plan;
  Task task;
  task.ref = "1";
  task.lead = {"省财政厅", "省发展改革委", "省经信委", "省发改委", "省发展和改革委员会"};
  task.participants = {"省商务厅", "省商务厅"};
  plan.tasks.push_back(task);
  directory.Canonicalise(&plan);
  CHECK(plan.tasks[0].lead == std::vector<std::string>{"省财政厅", "省发改委", "省经信委"});
  CHECK(plan.tasks[0].participants == std::vector<std::string>{"省商务厅"});
}

TEST_CASE("AgencyDirectory: empty directory leaves plans alone", "[agency_directory]") {
  AgencyDirectory directory;
  Plan plan;
  Task task;
  task.ref = "1";
  task.lead = {"省发展改革委"};
  plan.tasks.push_back(task);
  directory.Canonicalise(&plan);
  CHECK(plan.tasks[0].lead == std::vector<std::string>{"省发展改革委"});
}

}  // namespace
}  // namespace duban
