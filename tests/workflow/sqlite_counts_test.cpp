// SqliteStore::CountMessagesByState (status's message counts), checked against the
// interface's default, which lists the messages.
#include <catch2/catch.hpp>

#include "tests/workflow/sqlite_messages_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using testing::DecideRows;
using testing::MakeMessage;
using testing::OpenStore;
using testing::Outcome;
using testing::Queue;
using testing::Record;
using Counts = std::map<std::string, int64_t>;

constexpr int64_t kT0 = testing::kDeliveryT0;

Counts CountsOf(Store& store) {
  auto counts = store.CountMessagesByState();
  INFO(counts.status().ToString());
  REQUIRE(counts.ok());
  return *counts;
}

TEST_CASE("CountMessagesByState is empty for a new store", "[sqlite-counts]") {
  auto store = OpenStore();
  CHECK(CountsOf(*store).empty());
}

TEST_CASE("CountMessagesByState counts each state, as listing them would", "[sqlite-counts]") {
  auto store = OpenStore();
  std::vector<int64_t> rows = DecideRows(*store, 3);
  MessagePlan plan;
  plan.messages = {MakeMessage("a", {rows[0]}), MakeMessage("b", {rows[1]}),
                   MakeMessage("c", {rows[2]}), MakeMessage("d", {rows[2]}, "other@example.gov.cn")};
  std::vector<int64_t> m = Queue(*store, plan, kT0);
  Record(*store,
         {Outcome(m[0], kMessageSent), Outcome(m[1], kMessageSent),
          Outcome(m[2], kMessageDead, 0, "550 user unknown")},
         kT0 + 1);

  const Counts counts = CountsOf(*store);
  CHECK(counts == Counts{{"sent", 2}, {"dead", 1}, {"queued", 1}});
  // The interface's default, by listing, agrees.
  CHECK(store->Store::CountMessagesByState().value() == counts);
}

}  // namespace
}  // namespace duban
