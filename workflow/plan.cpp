#include "workflow/plan.h"

#include <algorithm>
#include <utility>

namespace duban {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kLead: return "lead";
    case Role::kParticipant: return "participant";
    case Role::kResponsible: return "responsible";
  }
  return "responsible";
}

std::string_view RoleNameZh(Role role) {
  switch (role) {
    case Role::kLead: return "牵头";
    case Role::kParticipant: return "参加";
    case Role::kResponsible: return "负责";
  }
  return "负责";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "lead" || name == "牵头") return Role::kLead;
  if (name == "participant" || name == "participants" || name == "参加" || name == "配合")
    return Role::kParticipant;
  if (name == "responsible" || name == "负责") return Role::kResponsible;
  return std::nullopt;
}

std::string_view ConfidenceName(Confidence confidence) {
  switch (confidence) {
    case Confidence::kCertain: return "certain";
    case Confidence::kProbable: return "probable";
    case Confidence::kDoubtful: return "doubtful";
  }
  return "doubtful";
}

std::string_view SeverityName(ImportIssue::Severity severity) {
  switch (severity) {
    case ImportIssue::Severity::kNote: return "note";
    case ImportIssue::Severity::kWarning: return "warning";
    case ImportIssue::Severity::kDoubt: return "doubt";
    case ImportIssue::Severity::kError: return "error";
  }
  return "error";
}

const std::vector<std::string>& Task::agencies(Role role) const {
  switch (role) {
    case Role::kLead: return lead;
    case Role::kParticipant: return participants;
    case Role::kResponsible: return responsible;
  }
  return responsible;
}

std::vector<std::string>& Task::agencies(Role role) {
  return const_cast<std::vector<std::string>&>(std::as_const(*this).agencies(role));
}

std::vector<std::string> Task::AllAgencies() const {
  std::vector<std::string> all;
  for (Role role : {Role::kLead, Role::kParticipant, Role::kResponsible}) {
    for (const auto& name : agencies(role)) {
      if (std::find(all.begin(), all.end(), name) == all.end()) all.push_back(name);
    }
  }
  return all;
}

std::vector<RoleOverlap> FindRoleOverlaps(
    const Task& task, const std::function<std::string(const std::string&)>& rename) {
  constexpr Role kRoles[] = {Role::kLead, Role::kParticipant, Role::kResponsible};
  auto named = [&rename](const std::string& name) { return rename ? rename(name) : name; };
  std::vector<RoleOverlap> overlaps;
  for (size_t a = 0; a < 3; ++a) {
    std::vector<std::string> first;
    for (const std::string& name : task.agencies(kRoles[a])) first.push_back(named(name));
    for (size_t b = a + 1; b < 3; ++b) {
      for (const std::string& written : task.agencies(kRoles[b])) {
        std::string name = named(written);
        if (std::find(first.begin(), first.end(), name) == first.end()) continue;
        overlaps.push_back({std::move(name), kRoles[a], kRoles[b]});
      }
    }
  }
  return overlaps;
}

const Task* Plan::FindTask(std::string_view ref) const {
  for (const auto& task : tasks) {
    if (task.ref == ref) return &task;
  }
  return nullptr;
}

bool ImportResult::has_doubts() const {
  return std::any_of(issues.begin(), issues.end(), [](const ImportIssue& issue) {
    return issue.severity == ImportIssue::Severity::kDoubt ||
           issue.severity == ImportIssue::Severity::kError;
  });
}

bool ImportResult::has_errors() const {
  return std::any_of(issues.begin(), issues.end(), [](const ImportIssue& issue) {
    return issue.severity == ImportIssue::Severity::kError;
  });
}

}  // namespace duban
