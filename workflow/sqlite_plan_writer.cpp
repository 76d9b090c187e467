#include "workflow/sqlite_plan_writer.h"

#include <nlohmann/json.hpp>

#include "workflow/sqlite_task_rows.h"

namespace duban {
namespace {

using nlohmann::json;

constexpr Role kRoles[] = {Role::kLead, Role::kParticipant, Role::kResponsible};

// The value of one of DiffTasks' fields, for audit details.
json FieldValue(const Task& task, const std::string& field) {
  if (field == "number") return task.number;
  if (field == "label") return task.label;
  if (field == "section") return task.section;
  if (field == "text") return task.text;
  if (field == "assignment") return task.assignment;
  if (field == "lead") return task.lead;
  if (field == "participants") return task.participants;
  if (field == "responsible") return task.responsible;
  if (field == "officials") return task.officials;
  if (field == "due") return task.due;
  return nullptr;
}

json ChangeDetail(const Task& before, const Task& after, const std::vector<std::string>& fields) {
  json old_values = json::object();
  json new_values = json::object();
  for (const auto& field : fields) {
    old_values[field] = FieldValue(before, field);
    new_values[field] = FieldValue(after, field);
  }
  return {{"ref", after.ref}, {"fields", fields}, {"before", old_values}, {"after", new_values}};
}

std::string Subject(const Task& task) { return "task " + task.ref; }

bool SameAgencies(const Task& a, const Task& b) {
  return a.lead == b.lead && a.participants == b.participants &&
         a.responsible == b.responsible && a.officials == b.officials;
}

}  // namespace

PlanWriter::PlanWriter(SQLite::Database& db, AgencyCache* agencies, AuditWriter* audit,
                       const std::string& actor, int64_t now)
    : db_(db),
      agencies_(agencies),
      audit_(audit),
      actor_(actor),
      now_(now),
      next_task_id_(db.execAndGet("SELECT coalesce(max(id), 0) + 1 FROM tasks").getInt64()),
      insert_tasks_(db,
                    "INSERT INTO tasks (id, ref, number, label, section, position, text, "
                    "assignment, due, line, confidence, doubts, truncated, state, created_at, "
                    "updated_at)",
                    16),
      update_task_(db,
                   "UPDATE tasks SET number = ?2, label = ?3, section = ?4, position = ?5, "
                   "text = ?6, assignment = ?7, due = ?8, line = ?9, confidence = ?10, "
                   "doubts = ?11, truncated = ?12, updated_at = ?13, "
                   // A suspended or completed task stays so; a removed one is back.
                   "state = CASE state WHEN 'removed' THEN 'active' ELSE state END, "
                   "state_reason = CASE state WHEN 'removed' THEN '' ELSE state_reason END "
                   "WHERE id = ?1"),
      refresh_task_(db,
                    "UPDATE tasks SET position = ?2, line = ?3, confidence = ?4, doubts = ?5, "
                    "truncated = ?6, number = ?7, label = ?8, assignment = ?9 WHERE id = ?1"),
      remove_task_(db,
                   "UPDATE tasks SET state = 'removed', state_reason = '', updated_at = ?2 "
                   "WHERE id = ?1"),
      insert_assignments_(db, "INSERT INTO assignments (task_id, role, position, agency_id)", 4),
      delete_assignments_(db, "DELETE FROM assignments WHERE task_id = ?"),
      insert_officials_(db, "INSERT INTO task_officials (task_id, position, name)", 3),
      delete_officials_(db, "DELETE FROM task_officials WHERE task_id = ?"),
      insert_revision_(db,
                       "INSERT INTO task_revisions (task_id, revised_at, actor, reason, "
                       "old_number, old_label, old_section, old_text, old_assignment, old_due, "
                       "old_agencies) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") {}

void PlanWriter::Add(const Task& task, int position) {
  const int64_t id = next_task_id_++;
  insert_tasks_.Add({id, task.ref, static_cast<int64_t>(task.number), task.label, task.section,
                     static_cast<int64_t>(position), task.text, task.assignment, task.due,
                     static_cast<int64_t>(task.line), std::string(ConfidenceName(task.confidence)),
                     EncodeStrings(task.doubts), int64_t{task.truncated ? 1 : 0},
                     std::string("active"), now_, now_});
  InsertAgencies(id, task);
  audit_->Append("task.add", Subject(task),
                 json{{"ref", task.ref}, {"section", task.section}}.dump());
}

void PlanWriter::Change(const CurrentTask& before, const Task& after,
                        const std::vector<std::string>& fields, int position) {
  InsertRevision(before, "change");
  UpdateTask(before.id, after, position);
  if (!SameAgencies(*before.task, after)) ReplaceAgencies(before.id, after);
  audit_->Append("task.change", Subject(after), ChangeDetail(*before.task, after, fields).dump());
}

void PlanWriter::Restore(const CurrentTask& before, const Task& after, int position) {
  std::vector<std::string> fields = DiffTasks(*before.task, after);
  if (!fields.empty()) InsertRevision(before, "restore");
  UpdateTask(before.id, after, position);
  ReplaceAgencies(before.id, after);
  json detail = fields.empty() ? json{{"ref", after.ref}, {"fields", json::array()}}
                               : ChangeDetail(*before.task, after, fields);
  audit_->Append("task.restore", Subject(after), detail.dump());
}

void PlanWriter::Remove(const CurrentTask& before) {
  remove_task_.bind(1, before.id);
  remove_task_.bind(2, now_);
  remove_task_.exec();
  remove_task_.reset();
  audit_->Append("task.remove", Subject(*before.task), json{{"ref", before.task->ref}}.dump());
}

void PlanWriter::Refresh(const CurrentTask& before, const Task& after, int position) {
  const Task& old = *before.task;
  if (old.officials != after.officials) {
    delete_officials_.bind(1, before.id);
    delete_officials_.exec();
    delete_officials_.reset();
    for (size_t i = 0; i < after.officials.size(); ++i) {
      insert_officials_.Add({before.id, static_cast<int64_t>(i), after.officials[i]});
    }
  }
  if (before.position == position && old.number == after.number && old.label == after.label &&
      old.assignment == after.assignment && old.line == after.line &&
      old.confidence == after.confidence && old.doubts == after.doubts &&
      old.truncated == after.truncated) {
    return;
  }
  refresh_task_.bind(1, before.id);
  refresh_task_.bind(2, position);
  refresh_task_.bind(3, after.line);
  refresh_task_.bind(4, std::string(ConfidenceName(after.confidence)));
  refresh_task_.bind(5, EncodeStrings(after.doubts));
  refresh_task_.bind(6, after.truncated ? 1 : 0);
  refresh_task_.bind(7, after.number);
  refresh_task_.bindNoCopy(8, after.label);
  refresh_task_.bindNoCopy(9, after.assignment);
  refresh_task_.exec();
  refresh_task_.reset();
}

void PlanWriter::WritePlan(const Plan& plan) {
  SQLite::Statement upsert(db_,
                           "INSERT INTO plans (id, title, source, imported_at) VALUES (1, ?, ?, ?) "
                           "ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
                           "source = excluded.source, imported_at = excluded.imported_at");
  upsert.bind(1, plan.title);
  upsert.bind(2, plan.source);
  upsert.bind(3, now_);
  upsert.exec();
  db_.exec("DELETE FROM sections WHERE plan_id = 1");
  SQLite::Statement insert(db_,
                           "INSERT INTO sections (plan_id, position, number, label, title) "
                           "VALUES (1, ?, ?, ?, ?)");
  for (size_t i = 0; i < plan.sections.size(); ++i) {
    const Section& section = plan.sections[i];
    insert.bind(1, static_cast<int64_t>(i));
    insert.bind(2, section.number);
    insert.bind(3, section.label);
    insert.bind(4, section.title);
    insert.exec();
    insert.reset();
  }
}

void PlanWriter::Flush() {
  insert_tasks_.Flush();
  insert_assignments_.Flush();
  insert_officials_.Flush();
}

void PlanWriter::InsertAgencies(int64_t task_id, const Task& task) {
  for (Role role : kRoles) {
    const std::vector<std::string>& names = task.agencies(role);
    for (size_t i = 0; i < names.size(); ++i) {
      insert_assignments_.Add({task_id, std::string(RoleName(role)), static_cast<int64_t>(i),
                               agencies_->Ensure(names[i])});
    }
  }
  for (size_t i = 0; i < task.officials.size(); ++i) {
    insert_officials_.Add({task_id, static_cast<int64_t>(i), task.officials[i]});
  }
}

void PlanWriter::ReplaceAgencies(int64_t task_id, const Task& task) {
  delete_assignments_.bind(1, task_id);
  delete_assignments_.exec();
  delete_assignments_.reset();
  delete_officials_.bind(1, task_id);
  delete_officials_.exec();
  delete_officials_.reset();
  InsertAgencies(task_id, task);
}

void PlanWriter::InsertRevision(const CurrentTask& before, const char* reason) {
  const Task& old = *before.task;
  json agencies = {{"lead", old.lead},
                   {"participants", old.participants},
                   {"responsible", old.responsible},
                   {"officials", old.officials}};
  insert_revision_.bind(1, before.id);
  insert_revision_.bind(2, now_);
  insert_revision_.bindNoCopy(3, actor_);
  insert_revision_.bindNoCopy(4, reason);
  insert_revision_.bind(5, old.number);
  insert_revision_.bindNoCopy(6, old.label);
  insert_revision_.bindNoCopy(7, old.section);
  insert_revision_.bindNoCopy(8, old.text);
  insert_revision_.bindNoCopy(9, old.assignment);
  insert_revision_.bindNoCopy(10, old.due);
  insert_revision_.bind(11, agencies.dump());
  insert_revision_.exec();
  insert_revision_.reset();
}

void PlanWriter::UpdateTask(int64_t id, const Task& task, int position) {
  update_task_.bind(1, id);
  update_task_.bind(2, task.number);
  update_task_.bindNoCopy(3, task.label);
  update_task_.bindNoCopy(4, task.section);
  update_task_.bind(5, position);
  update_task_.bindNoCopy(6, task.text);
  update_task_.bindNoCopy(7, task.assignment);
  update_task_.bindNoCopy(8, task.due);
  update_task_.bind(9, task.line);
  update_task_.bind(10, std::string(ConfidenceName(task.confidence)));
  update_task_.bind(11, EncodeStrings(task.doubts));
  update_task_.bind(12, task.truncated ? 1 : 0);
  update_task_.bind(13, now_);
  update_task_.exec();
  update_task_.reset();
}

}  // namespace duban
