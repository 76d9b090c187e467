// SqliteStore::ApplyPlan and PreviewPlan: load the current plan once, compare in memory
// (DiffPlans), then write only what changed, in one transaction.
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>
#include <nlohmann/json.hpp>

#include "workflow/sqlite_agency_cache.h"
#include "workflow/sqlite_audit.h"
#include "workflow/sqlite_cache.h"
#include "workflow/sqlite_plan_writer.h"
#include "workflow/sqlite_schema.h"
#include "workflow/sqlite_status.h"
#include "workflow/sqlite_store.h"
#include "workflow/sqlite_task_rows.h"

namespace duban {
namespace {

// The plan as stored: its tasks that are not removed (active, suspended, completed) as a
// Plan (to diff against), the removed tasks
// (which a new plan may restore) and every task's row by ref.
struct CurrentPlan {
  bool exists = false;  // a plan was imported before
  Plan plan;
  std::vector<StoredTask> removed;
  std::unordered_map<std::string_view, CurrentTask> by_ref;
};

// Reads the current plan; with `include_removed`, removed tasks too.
CurrentPlan ReadCurrentPlan(SQLite::Database& db, bool include_removed) {
  CurrentPlan current;
  current.exists = ReadPlanHeader(db, &current.plan, nullptr);
  std::vector<StoredTask> stored =
      ReadTasks(db, include_removed ? "1" : "t.state <> 'removed'", {});
  std::vector<CurrentTask> active_rows;
  for (auto& task : stored) {
    if (task.record.state == "removed") {
      current.removed.push_back(std::move(task));
    } else {
      active_rows.push_back(CurrentTask{task.id, task.position, false, nullptr});
      current.plan.tasks.push_back(std::move(task.record.task));
    }
  }
  // The vectors are complete: pointers into them stay valid from here.
  current.by_ref.reserve(stored.size());
  for (size_t i = 0; i < active_rows.size(); ++i) {
    active_rows[i].task = &current.plan.tasks[i];
    current.by_ref.emplace(current.plan.tasks[i].ref, active_rows[i]);
  }
  for (const auto& task : current.removed) {
    current.by_ref.emplace(task.record.task.ref,
                           CurrentTask{task.id, task.position, true, &task.record.task});
  }
  return current;
}

// From this many new tasks on, ApplyPlan rebuilds the bulk-load indexes after writing
// rather than updating them row by row.
constexpr size_t kBulkAddThreshold = 5000;

// Refs must be present and unique; agency names must not be empty.
Status ValidatePlan(const Plan& plan) {
  std::unordered_set<std::string_view> refs;
  refs.reserve(plan.tasks.size());
  for (const auto& task : plan.tasks) {
    if (task.ref.empty()) {
      return Status::InvalidArgument("task at line " + std::to_string(task.line) +
                                     " has no ref");
    }
    if (!refs.insert(task.ref).second) {
      return Status::InvalidArgument("task ref " + task.ref + " occurs twice (again at line " +
                                     std::to_string(task.line) + ")");
    }
    for (Role role : {Role::kLead, Role::kParticipant, Role::kResponsible}) {
      for (const auto& name : task.agencies(role)) {
        if (name.empty()) {
          return Status::InvalidArgument("task " + task.ref + " names an agency without a name");
        }
      }
    }
  }
  return Status::OK();
}

// A plan that carries no title, no sections, or sections by number only (the CSV form has
// no headings) keeps the stored title and headings: the diff does not count them as
// changed, and `header` gets the stored values.
PlanDiff DiffKeepingHeader(const CurrentPlan& current, const Plan& plan, Plan* header) {
  PlanDiff diff = DiffPlans(current.plan, plan);
  header->title = plan.title;
  header->source = plan.source;
  header->sections = plan.sections;
  if (!current.exists) return diff;
  if (plan.title.empty()) {
    diff.title_changed = false;
    header->title = current.plan.title;
  }
  if (plan.sections.empty()) {
    header->sections = current.plan.sections;
  } else {
    for (Section& section : header->sections) {
      if (!section.label.empty() || !section.title.empty()) continue;
      for (const Section& stored : current.plan.sections) {
        if (stored.number == section.number) {
          section = stored;
          break;
        }
      }
    }
  }
  diff.sections_changed = !SameSections(current.plan.sections, header->sections);
  return diff;
}

// `plan` with stored aliases replaced by canonical names; `plan` itself if no aliases are
// stored (no copy).
const Plan& CanonicalPlan(const Plan& plan, const AgencyCache& agencies,
                          std::optional<Plan>* copy) {
  if (!agencies.has_aliases()) return plan;
  copy->emplace(plan);
  agencies.directory().Canonicalise(&**copy);
  return **copy;
}

}  // namespace

Result<PlanDiff> SqliteStore::ApplyPlan(const Plan& input, const std::string& actor,
                                        int64_t now) {
  if (Status status = ValidatePlan(input); !status.ok()) return status;
  return GuardSqlite(path_, "applying plan " + input.source, [&]() -> Result<PlanDiff> {
    ImportCache cache(*db_);  // released after the commit
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    // Checked at commit (and reset by it): PlanWriter flushes tables in batches.
    db_->exec("PRAGMA defer_foreign_keys = ON");
    AgencyCache agencies(*db_);
    std::optional<Plan> canonical_copy;
    const Plan& plan = CanonicalPlan(input, agencies, &canonical_copy);
    CurrentPlan current = ReadCurrentPlan(*db_, /*include_removed=*/true);
    Plan header;  // title, source and sections to store
    PlanDiff diff = DiffKeepingHeader(current, plan, &header);

    std::unordered_map<std::string_view, const TaskChange*> changes;
    for (const auto& change : diff.changed) changes.emplace(change.ref, &change);

    const bool bulk = diff.added.size() >= kBulkAddThreshold;
    if (bulk) {
      for (const auto& index : BulkLoadIndexes()) {
        db_->exec("DROP INDEX IF EXISTS " + std::string(index.name));
      }
    }
    AuditWriter audit(*db_, actor, now);
    PlanWriter writer(*db_, &agencies, &audit, actor, now);
    int restored = 0;
    for (size_t i = 0; i < plan.tasks.size(); ++i) {
      const Task& task = plan.tasks[i];
      const int position = static_cast<int>(i);
      auto found = current.by_ref.find(task.ref);
      if (found == current.by_ref.end()) {
        writer.Add(task, position);
      } else if (found->second.removed) {
        writer.Restore(found->second, task, position);
        ++restored;
      } else if (auto change = changes.find(task.ref); change != changes.end()) {
        writer.Change(found->second, task, change->second->fields, position);
      } else {
        writer.Refresh(found->second, task, position);
      }
    }
    for (const auto& ref : diff.removed) writer.Remove(current.by_ref.at(ref));
    writer.Flush();
    if (bulk) {
      for (const auto& index : BulkLoadIndexes()) db_->exec(std::string(index.create));
    }

    if (!current.exists || !diff.empty()) {
      writer.WritePlan(header);
      nlohmann::json detail = {{"title", header.title},
                               {"source", plan.source},
                               {"tasks", plan.tasks.size()},
                               {"added", static_cast<int>(diff.added.size()) - restored},
                               {"restored", restored},
                               {"removed", diff.removed.size()},
                               {"changed", diff.changed.size()},
                               {"unchanged", diff.unchanged},
                               {"title_changed", diff.title_changed},
                               {"sections_changed", diff.sections_changed},
                               {"agencies_created", agencies.created()}};
      audit.Append("plan.import", "plan", detail.dump());
    }
    audit.Flush();
    transaction.commit();
    return diff;
  });
}

Result<PlanDiff> SqliteStore::PreviewPlan(const Plan& input) {
  if (Status status = ValidatePlan(input); !status.ok()) return status;
  return GuardSqlite(path_, "previewing plan " + input.source, [&]() -> Result<PlanDiff> {
    SQLite::Transaction transaction(*db_);  // one consistent snapshot; rolled back
    AgencyCache agencies(*db_);
    std::optional<Plan> canonical_copy;
    const Plan& plan = CanonicalPlan(input, agencies, &canonical_copy);
    CurrentPlan current = ReadCurrentPlan(*db_, /*include_removed=*/false);
    Plan header;
    return DiffKeepingHeader(current, plan, &header);
  });
}

}  // namespace duban
