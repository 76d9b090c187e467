#include "daemon/dubanctl/task_view.h"

#include "daemon/dubanctl/display_width.h"
#include "daemon/dubanctl/output.h"

namespace duban::ctl {
namespace {

constexpr Role kRoles[] = {Role::kLead, Role::kParticipant, Role::kResponsible};

std::string RoleLabel(Role role) {
  return std::string(RoleNameZh(role)) + " " + std::string(RoleName(role));
}

}  // namespace

std::string ConfidenceLabel(Confidence confidence) {
  if (confidence == Confidence::kDoubtful) return "? doubtful";
  return std::string(ConfidenceName(confidence));
}

std::string AgencyCell(const Task& task, Role role) { return JoinNames(task.agencies(role)); }

std::string TextPreview(const Task& task) { return ToSingleLine(task.text); }

std::string RenderTaskDetails(const TaskRecord& record, int width,
                              const std::vector<Field>& after_state) {
  const Task& task = record.task;
  std::vector<Field> fields = {
      {"ref", task.ref},
      {"section", task.section.empty() ? "(none)" : task.section},
      {"label", task.label.empty() ? "(none)" : task.label},
      {"line", std::to_string(task.line)},
      {"state", record.state},
  };
  fields.insert(fields.end(), after_state.begin(), after_state.end());
  fields.insert(fields.end(), {
      {"confidence", ConfidenceLabel(task.confidence) + (task.truncated ? " (truncated)" : "")},
      {"text", task.text},
  });
  for (Role role : kRoles) {
    fields.push_back({RoleLabel(role), JoinNames(task.agencies(role), "、", "-")});
  }
  fields.push_back({"officials", JoinNames(task.officials, "、", "-")});
  fields.push_back({"due", task.due.empty() ? "(not set)" : task.due});
  fields.push_back({"doubts", JoinNames(task.doubts, "\n", "-")});
  fields.push_back({"created", FormatLocalTime(record.created_at)});
  fields.push_back({"updated", FormatLocalTime(record.updated_at)});
  return RenderFields(fields, width);
}

}  // namespace duban::ctl
