// `dubanctl agencies` (every agency with its light and task counts) and `dubanctl agency
// NAME` (one agency, by name or alias, with its tasks by role and their lights).
#include <memory>
#include <ostream>

#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/table.h"
#include "daemon/dubanctl/task_view.h"
#include "daemon/dubanctl/tracking_view.h"
#include "daemon/plan_json.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

constexpr Role kRoles[] = {Role::kLead, Role::kParticipant, Role::kResponsible};

void PrintAgencies(Context& context, const json& result) {
  Table table({{"NAME"}, {"LIGHT"}, {"LEAD", 0, Align::kRight}, {"PARTICIPANT", 0, Align::kRight},
               {"RESPONSIBLE", 0, Align::kRight}, {"COLLECTIVE"}, {"EMAIL", 32},
               {"ALIASES", 0, Align::kLeft, /*flex=*/true}});
  for (const auto& item : result.at("agencies")) {
    AgencyRecord agency = AgencyRecordFromJson(item);
    table.AddRow({agency.name, LightLabel(LightNameOf(item)), std::to_string(agency.lead_tasks),
                  std::to_string(agency.participant_tasks),
                  std::to_string(agency.responsible_tasks), agency.collective ? "yes" : "",
                  agency.email, JoinNames(agency.aliases)});
  }
  if (table.row_count() > 0) *context.out << table.Render(TerminalWidth());
  *context.out << CountOf(static_cast<int64_t>(table.row_count()), "agency", "agencies") << "\n";
}

void PrintRoleTasks(std::ostream& out, Role role, const json& tasks) {
  out << "\n" << RoleNameZh(role) << " " << RoleName(role) << ": "
      << CountOf(static_cast<int64_t>(tasks.size()), "task", "tasks") << "\n";
  if (tasks.empty()) return;
  Table table({{"REF"}, {"SECTION"}, {"STATE"}, {"LIGHT"},
               {"TEXT", 0, Align::kLeft, /*flex=*/true}});
  for (const auto& item : tasks) {
    TaskRecord record = TaskRecordFromJson(item);
    table.AddRow({record.task.ref, record.task.section, record.state,
                  LightLabel(LightNameOf(item)), TextPreview(record.task)});
  }
  out << table.Render(TerminalWidth());
}

void PrintAgency(Context& context, const json& result) {
  AgencyRecord agency = AgencyRecordFromJson(result.at("agency"));
  std::vector<Field> fields = {
      {"name", agency.name},
      {"aliases", JoinNames(agency.aliases, "、", "-")},
      {"collective", agency.collective ? "yes (stands for several units)" : "no"},
      {"email", agency.email.empty() ? "-" : agency.email},
      {"leadership", agency.leadership_email.empty() ? "-" : agency.leadership_email},
  };
  if (const json& record = result.at("agency"); record.contains("light")) {
    std::string reason = LightReasonOf(record);
    fields.push_back({"light", LightLabel(LightNameOf(record)) +
                                   (reason.empty() ? "" : ": " + reason)});
  }
  *context.out << RenderFields(fields, TerminalWidth());
  const json& tasks = result.at("tasks");
  for (Role role : kRoles) {
    PrintRoleTasks(*context.out, role, tasks.value(std::string(RoleName(role)), json::array()));
  }
}

}  // namespace

void SetupAgenciesCommand(CLI::App& command, Context& context) {
  command.callback([&context] {
    context.Run([&] {
      std::optional<json> result = context.Call("agencies.list");
      if (!result) return;
      if (context.json) {
        context.PrintJson(*result);
      } else {
        PrintAgencies(context, *result);
      }
    });
  });
}

void SetupAgencyCommand(CLI::App& command, Context& context) {
  auto name = std::make_shared<std::string>();
  command.add_option("NAME", *name, "canonical name or alias (省发改委, 省发展改革委)")->required();
  command.callback([&context, name] {
    context.Run([&] {
      std::optional<json> result = context.Call("agency.get", {{"name", *name}});
      if (!result) return;
      if (context.json) {
        context.PrintJson(*result);
      } else {
        PrintAgency(context, *result);
      }
    });
  });
}

}  // namespace duban::ctl
