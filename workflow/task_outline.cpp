#include "workflow/task_outline.h"

#include <algorithm>
#include <array>
#include <cassert>

#include "workflow/agency_names.h"

namespace duban {
namespace {

constexpr std::array<Role, 3> kRoles = {Role::kLead, Role::kParticipant, Role::kResponsible};

}  // namespace

TaskOutline::TaskOutline(const Task& task) : ref(task.ref), section(task.section) {
  agencies_.reserve(task.lead.size() + task.participants.size() + task.responsible.size());
  for (const std::string& name : task.lead) agencies_.push_back(InternAgencyName(name));
  participants_begin_ = static_cast<uint32_t>(agencies_.size());
  for (const std::string& name : task.participants) agencies_.push_back(InternAgencyName(name));
  responsible_begin_ = static_cast<uint32_t>(agencies_.size());
  for (const std::string& name : task.responsible) agencies_.push_back(InternAgencyName(name));
}

std::span<const std::string_view> TaskOutline::agencies(Role role) const {
  const std::span<const std::string_view> all(agencies_);
  switch (role) {
    case Role::kLead: return all.subspan(0, participants_begin_);
    case Role::kParticipant:
      return all.subspan(participants_begin_, responsible_begin_ - participants_begin_);
    case Role::kResponsible: return all.subspan(responsible_begin_);
  }
  return {};
}

void TaskOutline::AddInternedAgency(Role role, std::string_view name) {
  assert(InternAgencyName(name).data() == name.data());
  const uint32_t end = role == Role::kLead          ? participants_begin_
                       : role == Role::kParticipant ? responsible_begin_
                                                    : static_cast<uint32_t>(agencies_.size());
  agencies_.insert(agencies_.begin() + end, name);
  if (role == Role::kLead) ++participants_begin_;
  if (role != Role::kResponsible) ++responsible_begin_;
}

void TaskOutline::SetAgencies(Role role, const std::vector<std::string>& names) {
  std::vector<std::string_view> replaced;
  uint32_t begins[3] = {};
  for (size_t i = 0; i < kRoles.size(); ++i) {
    begins[i] = static_cast<uint32_t>(replaced.size());
    if (kRoles[i] == role) {
      for (std::string_view name : names) replaced.push_back(InternAgencyName(name));
    } else {
      std::span<const std::string_view> kept = agencies(kRoles[i]);
      replaced.insert(replaced.end(), kept.begin(), kept.end());
    }
  }
  agencies_ = std::move(replaced);
  participants_begin_ = begins[1];
  responsible_begin_ = begins[2];
}

std::vector<std::string> TaskOutline::AllAgencies() const {
  std::vector<std::string> all;
  for (Role role : kRoles) {
    for (std::string_view name : agencies(role)) {
      if (std::find(all.begin(), all.end(), name) == all.end()) all.emplace_back(name);
    }
  }
  return all;
}

}  // namespace duban
