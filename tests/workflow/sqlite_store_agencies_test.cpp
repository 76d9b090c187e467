// SqliteStore::SyncAgencies: contacts and aliases from config, merging a plan-made agency
// that config names as an alias, refusing a name given to two agencies.
#include "workflow/sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include "tests/workflow/sqlite_store_test_util.h"
#include "tests/workflow/sqlite_test_util.h"

namespace duban {
namespace {

using testing::Audit;
using testing::SampleAgencies;
using testing::Count;
using testing::CountActions;
using testing::FindAction;
using testing::Get;
using testing::GetAgency;
using testing::List;
using testing::OpenStore;
using testing::Refs;
using testing::Strings;
using testing::Summarise;
using testing::MakeTask;
using testing::SamplePlan;
using testing::TempDir;

constexpr int64_t kT0 = 1'700'000'000;
constexpr int64_t kT1 = kT0 + 3600;
constexpr int64_t kT2 = kT0 + 7200;


TEST_CASE("SqliteStore: SyncAgencies records contacts and aliases", "[sqlite_store]") {
  auto store = OpenStore();
  REQUIRE(store->ApplyPlan(SamplePlan(), "test", kT0).ok());
  const int audit_before = Summarise(*store).audit_entries;

  Status synced = store->SyncAgencies(SampleAgencies(), "admin", kT1);
  INFO(synced.ToString());
  REQUIRE(synced.ok());

  AgencyRecord ndrc = GetAgency(*store, "省发展改革委");  // by alias
  CHECK(ndrc.name == "省发改委");
  CHECK(ndrc.aliases == Strings{"省发展和改革委员会", "省发展改革委"});
  CHECK(ndrc.email == "fgw@example.gov.cn");
  CHECK(ndrc.leadership_email == "fgw-leader@example.gov.cn");
  CHECK(ndrc.lead_tasks == 1);
  AgencyRecord commerce = GetAgency(*store, "商务厅");
  CHECK(commerce.name == "省商务厅");  // created from config
  CHECK(commerce.lead_tasks == 0);

  // The agency filter takes aliases too.
  CHECK(Refs(List(*store, {"省发展和改革委员会", {}, "", ""})) == Strings{"1", "3"});

  auto audit = Audit(*store);
  CHECK(CountActions(audit, "agency.add") == 1);        // 省商务厅
  CHECK(CountActions(audit, "agency.update") == 2);     // contacts of 省发改委, 省科技厅
  CHECK(CountActions(audit, "agency.alias.add") == 3);
  CHECK(CountActions(audit, "agency.sync") == 1);
  const int after_first = static_cast<int>(audit.size());
  CHECK(after_first == audit_before + 7);
  auto summary = nlohmann::json::parse(audit.back().detail);
  CHECK(audit.back().action == "agency.sync");
  CHECK(summary["aliases_added"] == 3);

  SECTION("the same config again writes nothing") {
    REQUIRE(store->SyncAgencies(SampleAgencies(), "admin", kT2).ok());
    CHECK(static_cast<int>(Audit(*store).size()) == after_first);
  }
  SECTION("a changed contact and a dropped alias are recorded, nothing else") {
    auto config = SampleAgencies();
    config[0].aliases = {"省发展改革委"};
    config[1].email = "new@example.gov.cn";
    REQUIRE(store->SyncAgencies(config, "admin", kT2).ok());
    auto later = Audit(*store);
    CHECK(static_cast<int>(later.size()) == after_first + 3);
    const AuditEntry* update = FindAction(later, "agency.update", "agency 省科技厅");
    REQUIRE(update != nullptr);
    CHECK(update->at == kT1);  // the first sync's; the new one is later in the log
    CHECK(later[static_cast<size_t>(after_first)].action == "agency.update");
    CHECK(later[static_cast<size_t>(after_first) + 1].action == "agency.alias.remove");
    CHECK(store->GetAgency("省发展和改革委员会").status().code() == Status::Code::kNotFound);
    CHECK(GetAgency(*store, "省科技厅").email == "new@example.gov.cn");
  }
  SECTION("an agency left out of the config keeps its tasks but loses contacts and aliases") {
    auto config = SampleAgencies();
    config.erase(config.begin());
    REQUIRE(store->SyncAgencies(config, "admin", kT2).ok());
    AgencyRecord dropped = GetAgency(*store, "省发改委");
    CHECK(dropped.email.empty());
    CHECK(dropped.leadership_email.empty());
    CHECK(dropped.aliases.empty());
    CHECK(dropped.lead_tasks == 1);
  }
  SECTION("plans naming an alias land on the canonical agency") {
    Plan plan = SamplePlan();
    plan.tasks[0].lead = {"省发展改革委", "省经信委", "省发改委"};
    auto diff = store->ApplyPlan(plan, "test", kT2);
    REQUIRE(diff.ok());
    CHECK(diff->empty());  // canonicalised, the plan is the one stored
    auto preview = store->PreviewPlan(plan);
    REQUIRE(preview.ok());
    CHECK(preview->empty());
  }
}

TEST_CASE("SqliteStore: SyncAgencies merges a plan-made agency named like an alias",
          "[sqlite_store]") {
  TempDir dir;
  const std::string path = dir.File("duban.db");
  auto store = OpenStore(path);
  Plan plan = SamplePlan();
  // Task 3 names the agency twice, under two names, as participant and lead.
  plan.tasks[2].lead = {"省科技厅", "省发展改革委"};
  plan.tasks[2].participants = {"省发改委"};
  plan.tasks.push_back(MakeTask("5", "二", "另一项任务。", {"省发展改革委"}, {"省发改委"}));
  plan.tasks.push_back(MakeTask("6", "二", "重复列名。", {"省发改委", "省商务厅", "省发展改革委"}));
  REQUIRE(store->ApplyPlan(plan, "test", kT0).ok());
  REQUIRE(GetAgency(*store, "省发展改革委").name == "省发展改革委");  // its own agency so far
  const int agencies_before = Summarise(*store).agencies;

  REQUIRE(store->SyncAgencies(SampleAgencies(), "admin", kT1).ok());
  CHECK(Summarise(*store).agencies == agencies_before - 1);  // merged; 省商务厅 existed
  AgencyRecord ndrc = GetAgency(*store, "省发展改革委");
  CHECK(ndrc.name == "省发改委");
  CHECK(ndrc.lead_tasks == 4);         // 1, 3, 5, 6
  CHECK(ndrc.participant_tasks == 2);  // 3, 5
  CHECK(Get(*store, "3").task.lead == Strings{"省科技厅", "省发改委"});
  CHECK(Get(*store, "5").task.lead == Strings{"省发改委"});
  CHECK(Get(*store, "6").task.lead == Strings{"省发改委", "省商务厅"});
  CHECK(Count(path, "SELECT count(*) FROM agencies WHERE name = '省发展改革委'") == 0);
  auto audit = Audit(*store);
  auto merge = FindAction(audit, "agency.merge", "agency 省发改委");
  REQUIRE(merge != nullptr);
  auto detail = nlohmann::json::parse(merge->detail);
  CHECK(detail["from"] == "省发展改革委");
  CHECK(detail["assignments"] == 3);
  CHECK(detail["duplicates_dropped"] == 1);

  // Importing the original plan again now changes nothing (names are canonicalised) ...
  auto again = store->ApplyPlan(plan, "test", kT2);
  REQUIRE(again.ok());
  CHECK(again->changed.empty());
}

TEST_CASE("SqliteStore: SyncAgencies refuses a name given to two agencies", "[sqlite_store]") {
  auto store = OpenStore();
  REQUIRE(store->ApplyPlan(SamplePlan(), "test", kT0).ok());
  const int audit_before = Summarise(*store).audit_entries;
  auto config = SampleAgencies();
  config[1].aliases = {"省发展改革委"};
  Status status = store->SyncAgencies(config, "admin", kT1);
  CHECK(status.code() == Status::Code::kConflict);
  CHECK(status.message().find("省发展改革委") != std::string::npos);
  CHECK(Summarise(*store).audit_entries == audit_before);
  CHECK(GetAgency(*store, "省发改委").email.empty());
}

}  // namespace
}  // namespace duban
