#include "config/deadlines_schema.h"

#include <map>

#include "config/config_values.h"

namespace duban::config_internal {
namespace {

// The keys of one table, [deadlines] or a section's or task's, as written.
struct DeadlineDraft {
  std::optional<CivilDate> final_due;
  bool final_none = false;  // final_due = "none"
  std::optional<ReportCycle> cycle;
  std::optional<int> working_days_after;
  std::optional<int> fixed_day;
  std::optional<int> participant_lead_days;
  std::optional<Located> fixed_day_at;
  std::map<std::string, DeadlinePatch> by_section;
  std::map<std::string, DeadlinePatch> by_task;
};

const std::vector<std::string_view> kCycleNames = {"none", "monthly", "quarterly", "half-yearly",
                                                   "yearly"};

void ReadFinalDue(ValueReader& in, DeadlineDraft& d) {
  if (const auto* text = in.node().as_string(); text != nullptr && text->get() == "none") {
    d.final_none = true;
    return;
  }
  d.final_due = in.Date();
}

void ReadCycle(ValueReader& in, DeadlineDraft& d) {
  auto name = in.String();
  if (!name) return;
  if ((d.cycle = ParseReportCycle(*name))) return;
  std::string message = "\"" + *name + "\" is not a report cycle; use none, monthly, quarterly, "
                        "half-yearly or yearly";
  if (auto close = ClosestMatch(*name, kCycleNames)) {
    message += " (did you mean \"" + std::string(*close) + "\"?)";
  }
  in.Error(std::move(message));
}

void ReadFixedDay(ValueReader& in, DeadlineDraft& d) {
  Assign(in.Integer(0, 31), d.fixed_day);
  d.fixed_day_at = in.where();
}

void ReadSections(ValueReader& in, DeadlineDraft& d);
void ReadTasks(ValueReader& in, DeadlineDraft& d);

// clang-format off
// The first kPatchKeys apply to every table; "section" and "task" only to [deadlines].
const FieldSpec<DeadlineDraft> kDeadlineFields[] = {
    {"final_due", &ReadFinalDue, nullptr},
    {"cycle", &ReadCycle, nullptr},
    {"report_working_days_after",
     [](ValueReader& in, DeadlineDraft& d) { Assign(in.Integer(0, 60), d.working_days_after); }, nullptr},
    {"report_fixed_day", &ReadFixedDay, nullptr},
    {"participant_lead_days",
     [](ValueReader& in, DeadlineDraft& d) { Assign(in.Integer(0, 60), d.participant_lead_days); }, nullptr},
    {"section", &ReadSections, nullptr},
    {"task", &ReadTasks, nullptr},
};
// clang-format on
constexpr std::size_t kPatchKeys = 5;

std::span<const FieldSpec<DeadlineDraft>> PatchFields() {
  return std::span<const FieldSpec<DeadlineDraft>>(kDeadlineFields).first(kPatchKeys);
}

void CheckReportKeys(const DeadlineDraft& d, ErrorSink& sink) {
  if (!d.working_days_after || !d.fixed_day || *d.fixed_day == 0) return;
  sink.Add(d.fixed_day_at->pos, d.fixed_day_at->field,
           "report_fixed_day and report_working_days_after are both set: a report is due either "
           "N working days after its period or on a fixed day of the next month; keep one");
}

std::optional<ReportDue> ReportDueOf(const DeadlineDraft& d) {
  if (!d.working_days_after && !d.fixed_day) return std::nullopt;
  ReportDue due;
  if (d.working_days_after) due.working_days_after = *d.working_days_after;
  if (d.fixed_day) due.fixed_day = *d.fixed_day;
  return due;
}

DeadlinePatch PatchOf(const DeadlineDraft& d) {
  DeadlinePatch patch;
  patch.final_due = d.final_due;
  patch.clear_final_due = d.final_none;
  patch.cycle = d.cycle;
  patch.report_due = ReportDueOf(d);
  patch.participant_lead_days = d.participant_lead_days;
  return patch;
}

DeadlineSpec SpecOf(const DeadlineDraft& d) {
  DeadlineSpec spec;
  spec.final_due = d.final_due;
  if (d.cycle) spec.cycle = *d.cycle;
  if (auto due = ReportDueOf(d)) spec.report_due = *due;
  if (d.participant_lead_days) spec.participant_lead_days = *d.participant_lead_days;
  return spec;
}

// [deadlines.section."二"] or [deadlines.task."22"]: `kind` is "section" or "task".
void ReadPatches(ValueReader& in, std::string_view kind, std::map<std::string, DeadlinePatch>& out) {
  const std::string label = "[deadlines." + std::string(kind) + "]";
  const toml::table* table = in.Table(label);
  if (table == nullptr) return;
  for (auto&& [key, node] : *table) {
    const std::string field = JoinField(in.field(), key.str());
    const std::string patch_label = "[deadlines." + std::string(kind) + "." + TomlKey(key.str()) + "]";
    if (auto problem = CheckDisplayName(key.str())) {
      in.sink().Add(PositionOf(key.source()), field,
                    std::string(kind == "section" ? "section number " : "task number ") + *problem);
      continue;
    }
    ValueReader entry(node, field, in.sink(), in.context());
    const toml::table* patch_table = entry.Table(patch_label);
    if (patch_table == nullptr) continue;
    DeadlineDraft draft;
    ReadFields<DeadlineDraft>(*patch_table, PatchFields(), patch_label, field, in.sink(), in.context(),
                              draft);
    CheckReportKeys(draft, in.sink());
    out.emplace(std::string(key.str()), PatchOf(draft));
  }
}

void ReadSections(ValueReader& in, DeadlineDraft& d) { ReadPatches(in, "section", d.by_section); }
void ReadTasks(ValueReader& in, DeadlineDraft& d) { ReadPatches(in, "task", d.by_task); }

void DescribeReportDue(const ReportDue& due, std::string& out) {
  if (due.fixed_day > 0) {
    out += "report_fixed_day = " + TomlInt(due.fixed_day) + '\n';
  } else {
    out += "report_working_days_after = " + TomlInt(due.working_days_after) + '\n';
  }
}

void DescribePatches(std::string_view kind, const std::map<std::string, DeadlinePatch>& patches,
                     std::string& out) {
  for (const auto& [key, patch] : patches) {
    out += "\n[deadlines." + std::string(kind) + "." + TomlKey(key) + "]\n";
    if (patch.clear_final_due) {
      out += "final_due = \"none\"\n";
    } else if (patch.final_due) {
      out += "final_due = " + TomlDate(*patch.final_due) + '\n';
    }
    if (patch.cycle) out += "cycle = " + TomlString(ReportCycleName(*patch.cycle)) + '\n';
    if (patch.report_due) DescribeReportDue(*patch.report_due, out);
    if (patch.participant_lead_days) {
      out += "participant_lead_days = " + TomlInt(*patch.participant_lead_days) + '\n';
    }
  }
}

}  // namespace

std::vector<std::string_view> DeadlinesKeys() { return KeysOf<DeadlineDraft>(kDeadlineFields); }

void ReadDeadlines(const toml::table& table, const std::string& field, ErrorSink& sink,
                   const LoadContext& context, Config& config) {
  DeadlineDraft draft;
  ReadFields<DeadlineDraft>(table, kDeadlineFields, SectionLabel(field, false), field, sink, context,
                            draft);
  CheckReportKeys(draft, sink);
  config.deadlines.defaults = SpecOf(draft);
  config.deadlines.by_section = std::move(draft.by_section);
  config.deadlines.by_task = std::move(draft.by_task);
}

void DescribeDeadlines(std::string_view name, const Config& config, std::string& out) {
  const DeadlinePolicy& policy = config.deadlines;
  const DeadlineSpec& spec = policy.defaults;
  out += SectionLabel(name, false) + '\n';
  if (spec.final_due) out += "final_due = " + TomlDate(*spec.final_due) + '\n';
  out += "cycle = " + TomlString(ReportCycleName(spec.cycle)) + '\n';
  DescribeReportDue(spec.report_due, out);
  out += "participant_lead_days = " + TomlInt(spec.participant_lead_days) + '\n';
  DescribePatches("section", policy.by_section, out);
  DescribePatches("task", policy.by_task, out);
}

}  // namespace duban::config_internal
