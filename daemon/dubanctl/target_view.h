// dubanctl's table of targets (指标), for `target list` and the proposals of `plan import`:
// one row per target with its id, task, name, the target as the office writes it
// ("≥3个百分点"), period, state, and for confirmed targets where they stand (status, last
// reported value, who and when). Columns line up with Chinese text (display_width.h).
//
// Pure; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_TARGET_VIEW_H_
#define DUBAN_DAEMON_DUBANCTL_TARGET_VIEW_H_

#include <string>

#include <nlohmann/json.hpp>

namespace duban::ctl {

// "yearly", "by 2015-12-31", "cumulative" for the target JSON `target`.
std::string TargetPeriodCell(const nlohmann::json& target);
// "met", "behind", … from the target's "reading"; "-" when it has none (not confirmed, or
// its task is not tracked).
std::string TargetStatusCell(const nlohmann::json& target);
// "2.1个百分点 (省发改委, 2026-03-16)" from the reading; "-" when none was reported.
std::string TargetLastValueCell(const nlohmann::json& target);

// The table of the target JSON objects in `targets` (target.list's "targets"), fitted to
// `width` columns (the matched text flexes). Empty for no targets.
std::string RenderTargetTable(const nlohmann::json& targets, int width);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_TARGET_VIEW_H_
