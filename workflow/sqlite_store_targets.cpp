// SqliteStore: targets (指标). Proposals from the importer are stored once per (task,
// matched text), whatever later happens to them; the office confirms, edits, rejects or
// restores them, or adds its own. Every change is audited under the task's ref (the audit
// log's indexed column) so `dubanctl log --task N` shows a target's history.
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <nlohmann/json.hpp>

#include "workflow/sqlite_audit.h"
#include "workflow/sqlite_lookup.h"
#include "workflow/sqlite_status.h"
#include "workflow/sqlite_store.h"
#include "workflow/sqlite_targets.h"
#include "workflow/text_normalize.h"

namespace duban {
namespace {

using nlohmann::json;

json TargetJson(const Target& target) {
  json out = {{"id", target.id},
              {"ref", target.task_ref},
              {"name", target.name},
              {"unit", target.unit},
              {"comparison", TargetComparisonName(target.comparison)},
              {"value", target.value},
              {"period", TargetPeriodName(target.period)},
              {"state", TargetStateName(target.state)},
              {"formatted", FormatTargetValue(target)}};  // "≥3个百分点", as `dubanctl log` shows it
  if (target.comparison == TargetComparison::kAbout) out["tolerance"] = target.tolerance;
  if (!target.by_date.empty()) out["by_date"] = target.by_date;
  if (!target.matched_text.empty()) out["matched_text"] = target.matched_text;
  return out;
}

std::string Subject(const Target& target) { return "target " + std::to_string(target.id); }

void Audit(SQLite::Database& db, const std::string& actor, int64_t now, std::string_view action,
           const Target& target, const json& detail) {
  AuditWriter audit(db, actor, now);
  audit.Append(action, Subject(target), detail.dump(), target.task_ref, "");
  audit.Flush();
}

// The task a target is added to: kNotFound if unknown, kFailedPrecondition if removed.
Result<TaskRow> LiveTask(SQLite::Database& db, const std::string& ref) {
  std::optional<TaskRow> task = FindTaskRow(db, ref);
  if (!task) return Status::NotFound("no task " + ref);
  if (task->state == "removed") {
    return Status::FailedPrecondition("task " + ref + " was removed from the plan");
  }
  return *task;
}

// A stored target with its task, for changing it: kNotFound for an unknown id,
// kFailedPrecondition if its task was removed from the plan.
Result<StoredTarget> ChangeableTarget(SQLite::Database& db, int64_t id) {
  std::vector<StoredTarget> rows = ReadTargets(db, "g.id = ?", {id});
  if (rows.empty()) return Status::NotFound("no target " + std::to_string(id));
  Result<TaskRow> task = LiveTask(db, rows[0].target.task_ref);
  if (!task.ok()) return task.status();
  return std::move(rows[0]);
}

Status NameTaken(const Target& target, int64_t other_id) {
  return Status::Conflict("task " + target.task_ref + " has a target named '" + target.name +
                          "' already (target " + std::to_string(other_id) + ")");
}

Status Invalid(const Target& target, const std::string& problem) {
  return Status::InvalidArgument("target '" + target.name + "' of task " + target.task_ref +
                                 ": " + problem);
}

// Which state changes SetTargetState makes, and the audit action of each.
std::optional<std::string_view> MoveAction(TargetState from, TargetState to) {
  if (from == TargetState::kProposed && to == TargetState::kConfirmed) return "target.confirm";
  if (from != TargetState::kRejected && to == TargetState::kRejected) return "target.reject";
  if (from == TargetState::kRejected && to == TargetState::kProposed) return "target.restore";
  return std::nullopt;
}

// What RecordTargetProposals knows of one task's targets: every name and matched text
// stored (in any state) or proposed earlier in the batch.
struct TaskTargets {
  int64_t task_id = 0;
  bool removed = false;
  std::set<std::string> names;
  std::set<std::string> matches;
  std::vector<Target> added;
};

// Every task by ref with its targets' names and matched texts: two queries, not two per
// task (an import proposes for thousands of tasks at once).
std::unordered_map<std::string, TaskTargets> KnownTargets(SQLite::Database& db) {
  std::unordered_map<std::string, TaskTargets> known;
  std::unordered_map<int64_t, TaskTargets*> by_id;
  SQLite::Statement tasks(db, "SELECT id, ref, state FROM tasks");
  while (tasks.executeStep()) {
    TaskTargets& entry = known[tasks.getColumn(1).getString()];
    entry.task_id = tasks.getColumn(0).getInt64();
    entry.removed = tasks.getColumn(2).getString() == "removed";
    by_id.emplace(entry.task_id, &entry);
  }
  SQLite::Statement targets(db, "SELECT task_id, name, matched_text FROM targets");
  while (targets.executeStep()) {
    auto it = by_id.find(targets.getColumn(0).getInt64());
    if (it == by_id.end()) continue;
    it->second->names.insert(targets.getColumn(1).getString());
    it->second->matches.insert(targets.getColumn(2).getString());
  }
  return known;
}

// `name`, or with the first suffix "(2)", "(3)" … not among `names`.
std::string FreeName(const std::string& name, const std::set<std::string>& names) {
  if (!names.count(name)) return name;
  for (int n = 2;; ++n) {
    std::string candidate = name + "(" + std::to_string(n) + ")";
    if (!names.count(candidate)) return candidate;
  }
}

}  // namespace

Result<std::vector<Target>> SqliteStore::ListTargets(std::string_view task_ref,
                                                     std::string_view state) {
  if (!state.empty() && !ParseTargetState(state)) {
    return Status::InvalidArgument("unknown target state '" + std::string(state) +
                                   "' (proposed, confirmed or rejected)");
  }
  return GuardSqlite(path_, "listing targets", [&]() -> Result<std::vector<Target>> {
    std::string where = "1";
    std::vector<SqlArg> args;
    if (!task_ref.empty()) {
      std::optional<TaskRow> task = FindTaskRow(*db_, task_ref);
      if (!task) return Status::NotFound("no task " + std::string(task_ref));
      where += " AND g.task_id = ?";
      args.emplace_back(task->id);
    }
    if (!state.empty()) {
      where += " AND g.state = ?";
      args.emplace_back(std::string(state));
    }
    std::vector<Target> targets;
    for (auto& row : ReadTargets(*db_, where, args)) targets.push_back(std::move(row.target));
    return targets;
  });
}

Result<Target> SqliteStore::GetTarget(int64_t id) {
  return GuardSqlite(path_, "reading target " + std::to_string(id), [&]() -> Result<Target> {
    std::vector<StoredTarget> rows = ReadTargets(*db_, "g.id = ?", {id});
    if (rows.empty()) return Status::NotFound("no target " + std::to_string(id));
    return std::move(rows[0].target);
  });
}

Result<std::vector<Target>> SqliteStore::RecordTargetProposals(
    const std::vector<Target>& proposals, const std::string& actor, int64_t now) {
  for (size_t i = 0; i < proposals.size(); ++i) {
    const Target& proposal = proposals[i];
    std::string problem = proposal.matched_text.empty() ? "a proposal needs its matched text"
                                                        : CheckTarget(proposal);
    if (!problem.empty()) {
      return Status::InvalidArgument("proposal " + std::to_string(i + 1) + " of " +
                                     std::to_string(proposals.size()) + " (task " +
                                     proposal.task_ref + "): " + problem);
    }
  }
  if (proposals.empty()) return std::vector<Target>();
  return GuardSqlite(path_, "recording target proposals", [&]() -> Result<std::vector<Target>> {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::unordered_map<std::string, TaskTargets> known = KnownTargets(*db_);
    TargetInserter inserter(*db_);
    std::vector<std::string> order;  // task refs in the order they first got a proposal
    std::vector<Target> stored;
    for (const Target& proposal : proposals) {
      auto task = known.find(proposal.task_ref);
      if (task == known.end()) return Status::NotFound("no task " + proposal.task_ref);
      if (task->second.removed) {
        return Status::FailedPrecondition("task " + proposal.task_ref +
                                          " was removed from the plan");
      }
      TaskTargets& targets = task->second;
      // Known in any state: confirmed, edited and rejected proposals are never made again.
      if (!targets.matches.insert(proposal.matched_text).second) continue;
      Target target = proposal;
      target.state = TargetState::kProposed;
      target.name = FreeName(proposal.name, targets.names);
      targets.names.insert(target.name);
      target.created_at = target.updated_at = now;
      target.id = inserter.Insert(targets.task_id, target);
      if (targets.added.empty()) order.push_back(target.task_ref);
      targets.added.push_back(target);
      stored.push_back(std::move(target));
    }
    // One entry per task, so the task's log shows what was proposed for it.
    AuditWriter audit(*db_, actor, now);
    for (const std::string& ref : order) {
      json list = json::array();
      for (const Target& target : known[ref].added) list.push_back(TargetJson(target));
      audit.Append("target.propose", "task " + ref,
                   json{{"ref", ref}, {"count", list.size()}, {"targets", list}}.dump());
    }
    audit.Flush();
    transaction.commit();
    return stored;
  });
}

Result<Target> SqliteStore::AddTarget(const Target& input, const std::string& actor,
                                      int64_t now) {
  if (std::string problem = CheckTarget(input); !problem.empty()) return Invalid(input, problem);
  return GuardSqlite(path_, "adding a target to task " + input.task_ref, [&]() -> Result<Target> {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    Result<TaskRow> task = LiveTask(*db_, input.task_ref);
    if (!task.ok()) return task.status();
    if (int64_t other = FindLiveTargetByName(*db_, task->id, input.name, 0)) {
      return NameTaken(input, other);
    }
    if (!input.matched_text.empty()) {
      SQLite::Statement same(*db_,
                             "SELECT id FROM targets WHERE task_id = ? AND matched_text = ?");
      same.bind(1, task->id);
      same.bind(2, input.matched_text);
      if (same.executeStep()) {
        return Status::Conflict("task " + input.task_ref + " has a target read from '" +
                                input.matched_text + "' already (target " +
                                std::to_string(same.getColumn(0).getInt64()) + ")");
      }
    }
    Target target = input;
    target.state = TargetState::kConfirmed;
    target.created_at = target.updated_at = now;
    target.id = TargetInserter(*db_).Insert(task->id, target);
    Audit(*db_, actor, now, "target.add", target, TargetJson(target));
    transaction.commit();
    return target;
  });
}

Result<Target> SqliteStore::UpdateTarget(const Target& input, const std::string& actor,
                                         int64_t now) {
  const std::string what = "editing target " + std::to_string(input.id);
  return GuardSqlite(path_, what, [&]() -> Result<Target> {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    Result<StoredTarget> stored = ChangeableTarget(*db_, input.id);
    if (!stored.ok()) return stored.status();
    const Target& before = stored->target;
    if (!input.task_ref.empty() && input.task_ref != before.task_ref) {
      return Status::InvalidArgument("target " + std::to_string(input.id) + " belongs to task " +
                                     before.task_ref + ", not " + input.task_ref);
    }
    if (before.state == TargetState::kRejected) {
      return Status::FailedPrecondition("target " + std::to_string(input.id) +
                                        " was rejected; restore it before editing it");
    }
    Target after = before;
    after.name = input.name;
    after.unit = input.unit;
    after.comparison = input.comparison;
    after.value = input.value;
    after.tolerance = input.tolerance;
    after.period = input.period;
    after.by_date = input.by_date;
    after.state = TargetState::kConfirmed;
    if (std::string problem = CheckTarget(after); !problem.empty()) return Invalid(after, problem);
    if (after == before) return before;  // nothing changes: no audit entry
    if (int64_t other = FindLiveTargetByName(*db_, stored->task_id, after.name, after.id)) {
      return NameTaken(after, other);
    }
    after.updated_at = now;
    RewriteTarget(*db_, after);
    Audit(*db_, actor, now, "target.edit", after,
          {{"id", after.id}, {"ref", after.task_ref}, {"before", TargetJson(before)},
           {"after", TargetJson(after)}});
    transaction.commit();
    return after;
  });
}

Result<Target> SqliteStore::SetTargetState(int64_t id, TargetState state,
                                           const std::string& reason, const std::string& actor,
                                           int64_t now) {
  const std::string what = "setting the state of target " + std::to_string(id);
  return GuardSqlite(path_, what, [&]() -> Result<Target> {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    Result<StoredTarget> stored = ChangeableTarget(*db_, id);
    if (!stored.ok()) return stored.status();
    Target target = stored->target;
    const std::string from(TargetStateName(target.state));
    std::optional<std::string_view> action = MoveAction(target.state, state);
    if (!action) {
      return Status::FailedPrecondition("target " + std::to_string(id) + " is " + from +
                                        "; it cannot become " +
                                        std::string(TargetStateName(state)));
    }
    // Blanks alone (" ", a full-width space) are no reason, as for a task's suspension.
    if (state == TargetState::kRejected &&
        (reason.empty() || (FindInvalidUtf8(reason) == std::string::npos &&
                            TrimBlank(reason).empty()))) {
      return Status::InvalidArgument("rejecting target " + std::to_string(id) +
                                     " needs a reason (not a blank one)");
    }
    // A restored target is live again: its name must still be free in the task.
    if (target.state == TargetState::kRejected) {
      if (int64_t other = FindLiveTargetByName(*db_, stored->task_id, target.name, id)) {
        return NameTaken(target, other);
      }
    }
    target.state = state;
    target.updated_at = now;
    RewriteTarget(*db_, target);
    json detail = TargetJson(target);
    detail["from"] = from;
    detail["reason"] = reason;
    Audit(*db_, actor, now, *action, target, detail);
    transaction.commit();
    return target;
  });
}

}  // namespace duban
