// How decided and simulated actions read in dubanctl: `outbox` (what the scheduler has
// decided, with its state) and `simulate` (what would go out, to whom, on which channel
// and why). Both take the daemon's Action / OutboxRow JSON forms (docs/PROTOCOL.md) and
// show times as the daemon formatted them in the configured zone ("at_local").
//
// Pure; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_ACTION_VIEW_H_
#define DUBAN_DAEMON_DUBANCTL_ACTION_VIEW_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/dubanctl/table.h"

namespace duban::ctl {

// "2026-11-24 09:00" from "at_local"; the instant in the local zone if it is missing.
std::string ActionTime(const nlohmann::json& action);

// The level as the office says it: "提醒", "催办", "督办", "通报" ("level" if that is all
// the daemon gave).
std::string LevelCell(const nlohmann::json& action);

// The rule step and, for a repeat, which sending it is: "remind-3", "urge", "urge #3"
// (repeat 2 is the third sending, as the daemon's reasons count).
std::string StepCell(const nlohmann::json& action);

// "省发改委: contact, leadership": the agency and the recipients of its notice.
std::string RecipientsCell(const nlohmann::json& action);

// A table whose last column is the reason, which must not be cut: one table when it fits
// in `width` (0: any width), else the other columns as a table with the reason on its own
// indented line ("    why: …") under each row.
std::string RenderWithReasons(std::vector<Column> columns,
                              const std::vector<std::vector<std::string>>& rows, int width);

// Outbox rows: time (local), level, task, agency, role, occurrence, step, state, reason
// (with the last error, for a row whose sending failed).
std::string RenderOutbox(const nlohmann::json& rows, int width);

// Simulated actions: when (local), to whom, channel, level, task, occurrence, rule step,
// why.
std::string RenderSimulation(const nlohmann::json& actions, int width);

// The line after the simulation: "3 actions from 2026-11-21 to 2026-12-21 (task 22).
// Simulated only: nothing was sent or stored."
std::string SimulationSummary(const nlohmann::json& result, const std::string& filters);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_ACTION_VIEW_H_
