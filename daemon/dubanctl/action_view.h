// How decided and simulated actions read in dubanctl: `outbox` (what the scheduler has
// decided, with its state) and `simulate` (what would go out, to whom, on which channel
// and why). Both take the daemon's Action / OutboxRow JSON forms (docs/PROTOCOL.md) and
// show times as the daemon formatted them in the configured zone ("at_local").
//
// Pure; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_ACTION_VIEW_H_
#define DUBAN_DAEMON_DUBANCTL_ACTION_VIEW_H_

#include <string>

#include <nlohmann/json.hpp>

namespace duban::ctl {

// "2026-11-24 09:00" from "at_local"; the instant in the local zone if it is missing.
std::string ActionTime(const nlohmann::json& action);

// "催办 urge" from "level_zh" and "level".
std::string LevelCell(const nlohmann::json& action);

// The rule step with its repeat: "remind-3", "urge (repeat 2)".
std::string StepCell(const nlohmann::json& action);

// "省发改委: contact, leadership": the agency and the recipients of its notice.
std::string RecipientsCell(const nlohmann::json& action);

// Outbox rows as a table: time (local), level, task, agency, role, occurrence, step,
// state, reason (the last error instead, for a row that failed).
std::string RenderOutbox(const nlohmann::json& rows, int width);

// Simulated actions as a table: when (local), to whom, channel, level, task, occurrence,
// rule step, why.
std::string RenderSimulation(const nlohmann::json& actions, int width);

// The line after the simulation: "3 actions from 2026-11-21 to 2026-12-21 (task 22).
// Simulated only: nothing was sent or stored."
std::string SimulationSummary(const nlohmann::json& result, const std::string& filters);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_ACTION_VIEW_H_
