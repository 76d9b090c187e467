#include "workflow/sqlite_task_rows.h"

#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "workflow/agency_names.h"

namespace duban {
namespace {

constexpr const char* kTaskColumns =
    "SELECT t.id, t.ref, t.number, t.label, t.section, t.position, t.text, t.assignment, "
    "t.due, t.line, t.confidence, t.doubts, t.truncated, t.state, t.created_at, t.updated_at, "
    "t.state_reason "
    "FROM tasks t WHERE ";

StoredTask TaskFromRow(SQLite::Statement& row) {
  StoredTask stored;
  stored.id = row.getColumn(0).getInt64();
  Task& task = stored.record.task;
  task.ref = row.getColumn(1).getString();
  task.number = row.getColumn(2).getInt();
  task.label = row.getColumn(3).getString();
  task.section = row.getColumn(4).getString();
  stored.position = row.getColumn(5).getInt();
  task.text = row.getColumn(6).getString();
  task.assignment = row.getColumn(7).getString();
  task.due = row.getColumn(8).getString();
  task.line = row.getColumn(9).getInt();
  task.confidence = ConfidenceFromName(row.getColumn(10).getString());
  task.doubts = DecodeStrings(row.getColumn(11).getString());
  task.truncated = row.getColumn(12).getInt() != 0;
  stored.record.state = row.getColumn(13).getString();
  stored.record.created_at = row.getColumn(14).getInt64();
  stored.record.updated_at = row.getColumn(15).getInt64();
  stored.record.state_reason = row.getColumn(16).getString();
  return stored;
}

std::unordered_map<int64_t, std::string> AgencyNames(SQLite::Database& db) {
  std::unordered_map<int64_t, std::string> names;
  SQLite::Statement query(db, "SELECT id, name FROM agencies");
  while (query.executeStep()) {
    names.emplace(query.getColumn(0).getInt64(), query.getColumn(1).getString());
  }
  return names;
}

// Finds the task of each row; rows come grouped by task, so the last hit is cached.
class TaskLookup {
 public:
  explicit TaskLookup(std::vector<StoredTask>* tasks) : tasks_(tasks) {
    index_.reserve(tasks->size());
    for (size_t i = 0; i < tasks->size(); ++i) index_.emplace((*tasks)[i].id, i);
  }

  Task* Find(int64_t id) {
    if (id != last_id_) {
      auto it = index_.find(id);
      last_ = it == index_.end() ? nullptr : &(*tasks_)[it->second].record.task;
      last_id_ = id;
    }
    return last_;
  }

 private:
  std::vector<StoredTask>* tasks_;
  std::unordered_map<int64_t, size_t> index_;
  int64_t last_id_ = -1;
  Task* last_ = nullptr;
};

}  // namespace

void BindArgs(SQLite::Statement& statement, const std::vector<SqlArg>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    if (const auto* number = std::get_if<int64_t>(&args[i])) {
      statement.bind(index, *number);
    } else {
      statement.bind(index, std::get<std::string>(args[i]));
    }
  }
}

std::vector<StoredTask> ReadTasks(SQLite::Database& db, const std::string& where,
                                  const std::vector<SqlArg>& args) {
  std::vector<StoredTask> tasks;
  {
    SQLite::Statement query(db, kTaskColumns + where +
                                    " ORDER BY t.state = 'removed', t.position, t.id");
    BindArgs(query, args);
    while (query.executeStep()) tasks.push_back(TaskFromRow(query));
  }
  if (tasks.empty()) return tasks;

  TaskLookup lookup(&tasks);
  const auto names = AgencyNames(db);
  {
    SQLite::Statement query(db,
                            "SELECT a.task_id, a.role, a.agency_id FROM tasks t "
                            "JOIN assignments a ON a.task_id = t.id WHERE " +
                                where + " ORDER BY a.task_id, a.role, a.position");
    BindArgs(query, args);
    while (query.executeStep()) {
      Task* task = lookup.Find(query.getColumn(0).getInt64());
      std::optional<Role> role = ParseRole(query.getColumn(1).getText());
      auto name = names.find(query.getColumn(2).getInt64());
      if (task == nullptr || !role || name == names.end()) continue;  // FKs rule this out
      task->agencies(*role).push_back(name->second);
    }
  }
  {
    SQLite::Statement query(db,
                            "SELECT o.task_id, o.name FROM tasks t "
                            "JOIN task_officials o ON o.task_id = t.id WHERE " +
                                where + " ORDER BY o.task_id, o.position");
    BindArgs(query, args);
    while (query.executeStep()) {
      if (Task* task = lookup.Find(query.getColumn(0).getInt64())) {
        task->officials.push_back(query.getColumn(1).getString());
      }
    }
  }
  return tasks;
}

std::vector<TrackingOutline> ReadTaskOutlines(SQLite::Database& db,
                                              std::unordered_map<int64_t, size_t>* index) {
  std::vector<TrackingOutline> outlines;
  index->clear();
  {
    // Kept by triggers (schema v6); only sizes the arrays.
    const int64_t count = db.execAndGet("SELECT coalesce(sum(count), 0) FROM task_state_counts "
                                        "WHERE state <> 'removed'")
                              .getInt64();
    outlines.reserve(static_cast<size_t>(count));
    index->reserve(static_cast<size_t>(count));
    SQLite::Statement query(db,
                            std::string("SELECT t.id, t.ref, t.section, t.due, t.state, "
                                        "t.created_at FROM tasks t WHERE ") +
                                kTrackedTasks + " ORDER BY t.position, t.id");
    while (query.executeStep()) {
      index->emplace(query.getColumn(0).getInt64(), outlines.size());
      TrackingOutline& outline = outlines.emplace_back();
      outline.task.ref = query.getColumn(1).getString();
      outline.task.section = query.getColumn(2).getString();
      outline.due = query.getColumn(3).getString();
      outline.state = query.getColumn(4).getString();
      outline.created_at = query.getColumn(5).getInt64();
    }
  }
  if (outlines.empty()) return outlines;
  // Each agency's name interned once, not once per assignment.
  std::unordered_map<int64_t, std::string_view> names;
  for (const auto& [id, name] : AgencyNames(db)) names.emplace(id, InternAgencyName(name));
  SQLite::Statement query(db,
                          std::string("SELECT a.task_id, a.role, a.agency_id FROM tasks t "
                                      "JOIN assignments a ON a.task_id = t.id WHERE ") +
                              kTrackedTasks + " ORDER BY a.task_id, a.role, a.position");
  int64_t last_id = -1;
  TaskOutline* last = nullptr;
  while (query.executeStep()) {
    const int64_t id = query.getColumn(0).getInt64();
    if (id != last_id) {
      auto found = index->find(id);
      last = found == index->end() ? nullptr : &outlines[found->second].task;
      last_id = id;
    }
    std::optional<Role> role = ParseRole(query.getColumn(1).getText());
    auto name = names.find(query.getColumn(2).getInt64());
    if (last == nullptr || !role || name == names.end()) continue;  // FKs rule this out
    last->AddInternedAgency(*role, name->second);
  }
  return outlines;
}

bool ReadPlanHeader(SQLite::Database& db, Plan* plan, int64_t* imported_at) {
  SQLite::Statement header(db, "SELECT title, source, imported_at FROM plans WHERE id = 1");
  if (!header.executeStep()) return false;
  plan->title = header.getColumn(0).getString();
  plan->source = header.getColumn(1).getString();
  if (imported_at != nullptr) *imported_at = header.getColumn(2).getInt64();
  SQLite::Statement sections(
      db, "SELECT number, label, title FROM sections WHERE plan_id = 1 ORDER BY position");
  while (sections.executeStep()) {
    plan->sections.push_back(Section{sections.getColumn(0).getString(),
                                     sections.getColumn(1).getString(),
                                     sections.getColumn(2).getString()});
  }
  return true;
}

std::string EncodeStrings(const std::vector<std::string>& items) {
  if (items.empty()) return "[]";
  return nlohmann::json(items).dump();
}

std::vector<std::string> DecodeStrings(const std::string& text) {
  if (text.empty() || text == "[]") return {};
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_array()) return {text};
  return parsed.get<std::vector<std::string>>();
}

Confidence ConfidenceFromName(std::string_view name) {
  if (name == "certain") return Confidence::kCertain;
  if (name == "probable") return Confidence::kProbable;
  return Confidence::kDoubtful;
}

}  // namespace duban
