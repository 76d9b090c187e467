#include "workflow/agency_directory.h"

#include <algorithm>

namespace duban {
namespace {

// The names `info` goes by: its canonical name first, then each distinct alias.
std::vector<std::string> NamesOf(const AgencyInfo& info) {
  std::vector<std::string> names{info.name};
  for (const auto& alias : info.aliases) {
    if (std::find(names.begin(), names.end(), alias) == names.end()) names.push_back(alias);
  }
  return names;
}

}  // namespace

Status AgencyDirectory::Add(const AgencyInfo& info) {
  if (info.name.empty()) return Status::InvalidArgument("agency without a name");
  std::vector<std::string> names = NamesOf(info);
  for (const auto& name : names) {
    if (name.empty()) {
      return Status::InvalidArgument("agency " + info.name + " has an empty alias");
    }
    auto it = index_.find(name);
    if (it == index_.end()) continue;
    const std::string& owner = agencies_[it->second].name;
    if (owner == info.name) {
      return Status::Conflict("agency " + info.name + " is listed twice");
    }
    return Status::Conflict("name " + name + " of agency " + info.name +
                            " already belongs to agency " + owner);
  }
  size_t position = agencies_.size();
  for (auto& name : names) index_.emplace(std::move(name), position);
  agencies_.push_back(info);
  return Status::OK();
}

std::string AgencyDirectory::Canonical(std::string_view name) const {
  auto it = index_.find(std::string(name));
  if (it == index_.end()) return std::string(name);
  return agencies_[it->second].name;
}

void AgencyDirectory::Canonicalise(Plan* plan) const {
  for (auto& task : plan->tasks) {
    for (Role role : {Role::kLead, Role::kParticipant, Role::kResponsible}) {
      std::vector<std::string>& names = task.agencies(role);
      std::vector<std::string> canonical;
      canonical.reserve(names.size());
      for (const auto& name : names) {
        std::string rewritten = Canonical(name);
        if (std::find(canonical.begin(), canonical.end(), rewritten) == canonical.end()) {
          canonical.push_back(std::move(rewritten));
        }
      }
      names = std::move(canonical);
    }
  }
}

}  // namespace duban
