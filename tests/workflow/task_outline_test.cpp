// TaskOutline (what the tracking model keeps of a task) and the interned agency names.
#include "workflow/task_outline.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "workflow/agency_names.h"

namespace duban {
namespace {

using Strings = std::vector<std::string>;

Strings Names(std::span<const std::string_view> names) { return Strings(names.begin(), names.end()); }

Task SampleTask() {
  Task task;
  task.ref = "22";
  task.section = "三";
  task.text = "推进产业集聚区建设。（省发改委牵头，省财政厅、省国土资源厅参加）";
  task.lead = {"省发改委"};
  task.participants = {"省财政厅", "省国土资源厅"};
  return task;
}

TEST_CASE("an interned name is stored once: equal names share their characters", "[outline]") {
  const std::string first = "省发展和改革委员会";
  const std::string second = first;  // a separate copy of the same name
  const std::string_view a = InternAgencyName(first);
  const std::string_view b = InternAgencyName(second);
  CHECK(a == first);
  CHECK(a.data() == b.data());
  CHECK(a.data() != first.data());
  CHECK(InternAgencyName("省财政厅").data() != a.data());
}

TEST_CASE("an outline keeps a task's ref, section and agencies by role", "[outline]") {
  const TaskOutline outline(SampleTask());
  CHECK(outline.ref == "22");
  CHECK(outline.section == "三");
  CHECK(Names(outline.agencies(Role::kLead)) == Strings{"省发改委"});
  CHECK(Names(outline.agencies(Role::kParticipant)) == Strings{"省财政厅", "省国土资源厅"});
  CHECK(outline.agencies(Role::kResponsible).empty());
  CHECK(outline.AllAgencies() == SampleTask().AllAgencies());
}

TEST_CASE("an agency listed in two roles appears in both, once in AllAgencies", "[outline]") {
  Task task = SampleTask();
  task.responsible = {"省财政厅", "省教育厅"};
  const TaskOutline outline(task);
  CHECK(Names(outline.agencies(Role::kResponsible)) == Strings{"省财政厅", "省教育厅"});
  CHECK(outline.AllAgencies() == Strings{"省发改委", "省财政厅", "省国土资源厅", "省教育厅"});
  CHECK(outline.AllAgencies() == task.AllAgencies());
}

TEST_CASE("AddInternedAgency appends within its role and keeps the other roles", "[outline]") {
  TaskOutline outline;
  outline.AddInternedAgency(Role::kResponsible, InternAgencyName("丙"));
  outline.AddInternedAgency(Role::kParticipant, InternAgencyName("乙"));
  outline.AddInternedAgency(Role::kLead, InternAgencyName("甲"));
  outline.AddInternedAgency(Role::kParticipant, InternAgencyName("丁"));
  outline.AddInternedAgency(Role::kLead, InternAgencyName("戊"));
  CHECK(Names(outline.agencies(Role::kLead)) == Strings{"甲", "戊"});
  CHECK(Names(outline.agencies(Role::kParticipant)) == Strings{"乙", "丁"});
  CHECK(Names(outline.agencies(Role::kResponsible)) == Strings{"丙"});
}

TEST_CASE("SetAgencies replaces one role only", "[outline]") {
  TaskOutline outline(SampleTask());
  outline.SetAgencies(Role::kParticipant, {"省科技厅"});
  outline.SetAgencies(Role::kResponsible, {"省教育厅", "省民政厅"});
  CHECK(Names(outline.agencies(Role::kLead)) == Strings{"省发改委"});
  CHECK(Names(outline.agencies(Role::kParticipant)) == Strings{"省科技厅"});
  CHECK(Names(outline.agencies(Role::kResponsible)) == Strings{"省教育厅", "省民政厅"});
  outline.SetAgencies(Role::kLead, {});
  CHECK(outline.agencies(Role::kLead).empty());
  CHECK(outline.AllAgencies() == Strings{"省科技厅", "省教育厅", "省民政厅"});
}

}  // namespace
}  // namespace duban
