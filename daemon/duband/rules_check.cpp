#include "daemon/duband/rules_check.h"

#include <algorithm>
#include <map>
#include <set>

namespace duban {
namespace {

constexpr int kLookAheadDays = 366;

bool Has(const std::vector<Recipient>& list, Recipient value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool Mails(const std::vector<Channel>& channels) {
  return std::find(channels.begin(), channels.end(), Channel::kEmail) != channels.end();
}

bool Covers(const std::vector<Role>& roles, Role role) {
  return roles.empty() || std::find(roles.begin(), roles.end(), role) != roles.end();
}

// A reminder rule or an escalation step, seen alike.
struct RuleView {
  std::string name;  // "reminder[0]", "step urge"
  const std::vector<Role>* roles;
  const std::vector<Recipient>* recipients;
  const std::vector<Channel>* channels;
};

std::vector<RuleView> Views(const Rules& rules) {
  std::vector<RuleView> views;
  for (size_t i = 0; i < rules.reminders.size(); ++i) {
    const ReminderRule& rule = rules.reminders[i];
    views.push_back({"reminder[" + std::to_string(i) + "]", &rule.roles, &rule.recipients,
                     &rule.channels});
  }
  for (const EscalationStep& step : rules.escalation) {
    views.push_back({"step " + step.name, &step.roles, &step.recipients, &step.channels});
  }
  return views;
}

std::string Join(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return joined;
}

bool IsActive(const TrackedTask& task) { return task.state == TaskState::kActive; }

// Per agency, the roles it has in active tasks.
std::map<std::string, std::set<Role>> RolesByAgency(const std::vector<TrackedTask>& tasks) {
  std::map<std::string, std::set<Role>> roles;
  for (const TrackedTask& task : tasks) {
    if (!IsActive(task)) continue;
    for (Role role : {Role::kLead, Role::kParticipant, Role::kResponsible}) {
      for (std::string_view agency : task.task.agencies(role)) roles[std::string(agency)].insert(role);
    }
  }
  return roles;
}

// The rules that would mail `recipient` of an agency having `roles`.
std::vector<std::string> RulesMailing(const std::vector<RuleView>& views, Recipient recipient,
                                      const std::set<Role>& roles) {
  std::vector<std::string> names;
  for (const RuleView& view : views) {
    if (!Has(*view.recipients, recipient) || !Mails(*view.channels)) continue;
    bool applies = std::any_of(roles.begin(), roles.end(),
                               [&](Role role) { return Covers(*view.roles, role); });
    if (applies) names.push_back(view.name);
  }
  return names;
}

void CheckAgencies(const std::vector<TrackedTask>& tasks, const std::vector<AgencyRecord>& agencies,
                   const std::vector<RuleView>& views, std::vector<RuleProblem>* problems) {
  std::map<std::string, const AgencyRecord*> by_name;
  for (const AgencyRecord& agency : agencies) by_name[agency.name] = &agency;
  for (const auto& [name, roles] : RolesByAgency(tasks)) {
    auto it = by_name.find(name);
    const AgencyRecord* record = it == by_name.end() ? nullptr : it->second;
    const bool collective = record != nullptr && record->collective;
    const std::string severity = collective ? "warning" : "error";
    const std::string note = collective ? " (a collective unit: give it an address or "
                                          "list its members as agencies)" : "";
    auto contact = RulesMailing(views, Recipient::kContact, roles);
    if (!contact.empty() && (record == nullptr || record->email.empty())) {
      problems->push_back({severity, "agency_no_email", name,
                           name + " has no email, but " + Join(contact) + " mail its contact" + note});
    }
    auto leadership = RulesMailing(views, Recipient::kLeadership, roles);
    if (!leadership.empty() && (record == nullptr || record->leadership_email.empty())) {
      problems->push_back({severity, "agency_no_leadership_email", name,
                           name + " has no leadership_email, but " + Join(leadership) +
                               " mail its leadership" + note});
    }
  }
}

void CheckOffice(const std::vector<RuleView>& views, const OfficeConfig& office,
                 std::vector<RuleProblem>* problems) {
  const std::set<Role> all = {Role::kLead, Role::kParticipant, Role::kResponsible};
  auto office_rules = RulesMailing(views, Recipient::kOffice, all);
  if (!office_rules.empty() && office.email.empty()) {
    problems->push_back({"error", "office_no_email", "office",
                         "[office] email is not set, but " + Join(office_rules) +
                             " mail the office"});
  }
  auto group_rules = RulesMailing(views, Recipient::kLeadingGroup, all);
  if (!group_rules.empty() && office.leading_group_email.empty()) {
    problems->push_back({"error", "leading_group_no_email", "leading group",
                         "[office] leading_group_email is not set, but " + Join(group_rules) +
                             " mail the leading group"});
  }
}

void CheckDue(const std::vector<TrackedTask>& tasks, const WorkingCalendar& calendar,
              std::vector<RuleProblem>* problems) {
  for (const TrackedTask& task : tasks) {
    if (!IsActive(task)) continue;
    const DeadlineSpec& spec = task.deadline;
    CivilDate to = task.tracking_start + std::chrono::days{kLookAheadDays * 2};
    if (spec.final_due && *spec.final_due > to) to = *spec.final_due;
    if (!DueOccurrences(spec, calendar, task.tracking_start, task.tracking_start, to).empty()) {
      continue;
    }
    std::string why = spec.final_due
                          ? "its final due date " + FormatCivilDate(*spec.final_due) +
                                " is before tracking started (" +
                                FormatCivilDate(task.tracking_start) + ") and it has no reports"
                          : "it has no final due date and no report cycle";
    problems->push_back({"warning", "task_no_due", "task " + task.task.ref,
                         "task " + task.task.ref + " is never reminded: " + why});
  }
}

void CheckNeverFires(const std::vector<TrackedTask>& tasks, const Rules& rules,
                     std::vector<RuleProblem>* problems) {
  std::set<Role> used;
  for (const auto& [agency, roles] : RolesByAgency(tasks)) used.insert(roles.begin(), roles.end());
  auto matches_nobody = [&](const std::vector<Role>& roles) {
    return !used.empty() && !roles.empty() &&
           std::none_of(roles.begin(), roles.end(), [&](Role role) { return used.count(role) > 0; });
  };
  for (const RuleView& view : Views(rules)) {
    if (!matches_nobody(*view.roles)) continue;
    std::vector<std::string> names;
    for (Role role : *view.roles) names.emplace_back(RoleName(role));
    const bool step = view.name.rfind("step ", 0) == 0;
    problems->push_back({"warning", step ? "step_never_fires" : "reminder_never_fires", view.name,
                         view.name + " applies to roles " + Join(names) +
                             ", which no agency of an active task has"});
  }
  for (size_t i = 0; i < rules.escalation.size(); ++i) {
    for (size_t j = i + 1; j < rules.escalation.size(); ++j) {
      const EscalationStep& a = rules.escalation[i];
      const EscalationStep& b = rules.escalation[j];
      if (a.delay_working_days != b.delay_working_days) continue;
      bool overlap = a.roles.empty() || b.roles.empty() ||
                     std::any_of(a.roles.begin(), a.roles.end(),
                                 [&](Role role) { return Covers(b.roles, role); });
      if (!overlap) continue;
      problems->push_back({"warning", "step_never_fires", "step " + a.name,
                           "step " + a.name + " has the same delay (" +
                               std::to_string(a.delay_working_days) +
                               " working days) as the later step " + b.name +
                               ", which supersedes it; give it a shorter delay or remove it"});
      break;
    }
  }
}

void CheckCalendarYears(const std::vector<TrackedTask>& tasks, const WorkingCalendar& calendar,
                        CivilDate today, std::vector<RuleProblem>* problems) {
  struct YearUse {
    int count = 0;
    std::string example;
  };
  std::map<int, YearUse> years;
  const CivilDate until = today + std::chrono::days{kLookAheadDays};
  auto note = [&](CivilDate day, const TrackedTask& task) {
    if (calendar.Covers(day)) return;
    YearUse& use = years[YearOf(day)];
    if (use.count++ == 0) use.example = "task " + task.task.ref + " on " + FormatCivilDate(day);
  };
  for (const TrackedTask& task : tasks) {
    if (!IsActive(task)) continue;
    for (const DueOccurrence& occurrence :
         DueOccurrences(task.deadline, calendar, task.tracking_start, today, until)) {
      note(occurrence.due, task);
      if (!task.task.agencies(Role::kParticipant).empty()) {
        note(DueFor(Role::kParticipant, occurrence, task.deadline, calendar), task);
      }
    }
  }
  for (const auto& [year, use] : years) {
    problems->push_back({"warning", "outside_calendar", std::to_string(year),
                         std::to_string(use.count) + " due date(s) in the next year fall in " +
                             std::to_string(year) + " (first: " + use.example +
                             "), whose holidays and make-up days are not in [calendar]; "
                             "working days there count weekends only"});
  }
}

}  // namespace

std::vector<RuleProblem> CheckRules(const std::vector<TrackedTask>& tasks,
                                    const std::vector<AgencyRecord>& agencies,
                                    const TrackingConfig& config, CivilDate today) {
  std::vector<RuleProblem> problems;
  const std::vector<RuleView> views = Views(config.rules);
  CheckAgencies(tasks, agencies, views, &problems);
  CheckOffice(views, config.office, &problems);
  CheckDue(tasks, config.calendar, &problems);
  CheckNeverFires(tasks, config.rules, &problems);
  CheckCalendarYears(tasks, config.calendar, today, &problems);
  std::stable_partition(problems.begin(), problems.end(),
                        [](const RuleProblem& problem) { return problem.severity == "error"; });
  return problems;
}

nlohmann::json ToJson(const RuleProblem& problem) {
  return {{"severity", problem.severity},
          {"kind", problem.kind},
          {"subject", problem.subject},
          {"message", problem.message}};
}

}  // namespace duban
