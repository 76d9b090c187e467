// The 指标 block of `dubanctl task N`: the task's confirmed targets from task.get's
// "targets" (each a target as target.list gives it, with its "reading"; docs/PROTOCOL.md) with their status and the last value
// reported, and a pointer to the proposals waiting for the office. Pure except that times
// show in the local zone; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_TASK_TARGETS_VIEW_H_
#define DUBAN_DAEMON_DUBANCTL_TASK_TARGETS_VIEW_H_

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace duban::ctl {

// "滞后 behind", "已达标 met", … from the target's reading (status and status_zh); the
// English name alone when the Chinese one is absent, "-" without a reading.
std::string TargetStatusLabel(const nlohmann::json& target);

// "2.1 (2026-03-31 10:00:00 CST, 省发改委)" (the time as FormatLocalTime shows it) or "-"
// when no value was reported.
std::string LastValueCell(const nlohmann::json& target);

// The block after the occurrences in `dubanctl task REF`, from the whole task.get reply:
//   targets (指标): 2 confirmed
//   NAME  TARGET  PERIOD  STATUS  LAST VALUE
//   …
//   1 proposed target: dubanctl target list 22 --state proposed
// "targets (指标): none" when there are neither confirmed targets nor proposals.
std::string RenderTaskTargets(const nlohmann::json& task_get, std::string_view ref, int width);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_TASK_TARGETS_VIEW_H_
