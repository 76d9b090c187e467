// bench_import: how long a plan takes to read and to store.
//
//   bench_import PLAN.txt [WORK_DIR]
//
// Prints, for the given plan: text import (mean of repeated runs for small plans), first
// ApplyPlan into a fresh SQLite file in WORK_DIR (default /tmp), re-import of the same plan
// (must change nothing), and a ListTasks filtered by one agency. See docs/PERFORMANCE.md.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "workflow/plan_text_importer.h"
#include "workflow/sqlite_store.h"

namespace {

using Clock = std::chrono::steady_clock;

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_import PLAN.txt [WORK_DIR]\n");
    return 2;
  }
  std::string text;
  if (!ReadFile(argv[1], &text)) {
    std::fprintf(stderr, "bench_import: cannot read %s\n", argv[1]);
    return 2;
  }
  std::filesystem::path work_dir = argc > 2 ? argv[2] : "/tmp";

  // Small plans run many times so the mean is not lost in timer noise.
  const int runs = text.size() < 1'000'000 ? 200 : 1;
  duban::ImportResult result;
  auto start = Clock::now();
  for (int i = 0; i < runs; ++i) result = duban::ImportPlanText(text, {});
  double import_ms = MillisSince(start) / runs;
  std::printf("plan            %s (%zu bytes)\n", argv[1], text.size());
  std::printf("tasks           %zu in %zu sections, %zu issues\n", result.plan.tasks.size(),
              result.plan.sections.size(), result.issues.size());
  std::printf("text import     %.3f ms (mean of %d)\n", import_ms, runs);

  auto db_path = work_dir / ("bench_import_" + std::to_string(getpid()) + ".db");
  auto opened = duban::SqliteStore::Open(db_path.string());
  if (!opened.ok()) {
    std::fprintf(stderr, "bench_import: %s\n", opened.status().ToString().c_str());
    return 1;
  }
  auto& store = *opened.value();

  start = Clock::now();
  auto first = store.ApplyPlan(result.plan, "bench", 1'700'000'000);
  double apply_ms = MillisSince(start);
  if (!first.ok()) {
    std::fprintf(stderr, "bench_import: %s\n", first.status().ToString().c_str());
    return 1;
  }
  std::printf("store (first)   %.1f ms, %zu added\n", apply_ms, first->added.size());

  start = Clock::now();
  auto again = store.ApplyPlan(result.plan, "bench", 1'700'000'100);
  double reapply_ms = MillisSince(start);
  if (!again.ok() || !again->empty()) {
    std::fprintf(stderr, "bench_import: re-import was not a no-op\n");
    return 1;
  }
  std::printf("store (same)    %.1f ms, no changes\n", reapply_ms);

  std::string agency = result.plan.tasks.empty() || result.plan.tasks[0].AllAgencies().empty()
                           ? ""
                           : result.plan.tasks[0].AllAgencies()[0];
  duban::TaskFilter filter;
  filter.agency = agency;
  start = Clock::now();
  auto listed = store.ListTasks(filter);
  double list_ms = MillisSince(start);
  if (!listed.ok()) {
    std::fprintf(stderr, "bench_import: %s\n", listed.status().ToString().c_str());
    return 1;
  }
  std::printf("list by agency  %.2f ms, %zu tasks of %s\n", list_ms, listed->size(),
              agency.c_str());

  std::filesystem::remove(db_path);
  std::filesystem::remove(db_path.string() + "-wal");
  std::filesystem::remove(db_path.string() + "-shm");
  return 0;
}
