// RefIndex against a std::map doing the same: random inserts, swap-removals (as the
// Agenda does them) and lookups, with refs that collide often in a small table.
#include "workflow/ref_index.h"

#include <map>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace duban {
namespace {

TEST_CASE("RefIndex finds every ref after inserts and swap-removals", "[ref_index]") {
  std::vector<std::string> refs;  // the "tasks", by position
  RefIndex index([&refs](uint32_t position) -> std::string_view { return refs[position]; });
  std::map<std::string, uint32_t> expected;
  std::mt19937 rng(7);
  auto random_ref = [&rng] { return std::to_string(std::uniform_int_distribution<int>(1, 3000)(rng)); };

  CHECK_FALSE(index.Find("1").has_value());
  for (int step = 0; step < 20000; ++step) {
    const std::string ref = random_ref();
    const bool present = expected.count(ref) > 0;
    if (!present && std::uniform_int_distribution<int>(0, 2)(rng) != 0) {
      refs.push_back(ref);
      index.Insert(static_cast<uint32_t>(refs.size() - 1));
      expected[ref] = static_cast<uint32_t>(refs.size() - 1);
    } else if (present) {
      // Remove as the Agenda does: the last task moves into the hole.
      const uint32_t hole = expected[ref];
      const uint32_t last = static_cast<uint32_t>(refs.size() - 1);
      index.Erase(ref);
      expected.erase(ref);
      if (hole != last) {
        index.Move(refs[last], hole);
        refs[hole] = refs[last];
        expected[refs[hole]] = hole;
      }
      refs.pop_back();
    }
    if (step % 97 == 0) {
      REQUIRE(index.size() == expected.size());
      for (const auto& [known, position] : expected) {
        std::optional<uint32_t> found = index.Find(known);
        REQUIRE(found.has_value());
        REQUIRE(*found == position);
      }
      for (int probe = 0; probe < 20; ++probe) {
        const std::string other = "x" + random_ref();
        REQUIRE_FALSE(index.Find(other).has_value());
      }
    }
  }
  CHECK(expected.size() > 100);  // the run kept a sizeable table
}

}  // namespace
}  // namespace duban
