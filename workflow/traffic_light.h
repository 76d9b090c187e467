// 红黄绿灯: the traffic light of a task and of an agency at a moment. Green on track,
// yellow when an agency's due date is near (LightRule) and it has not reported, red when
// an occurrence is overdue without feedback. With LightRule::behind_target_yellow, a task
// that would be green turns yellow when a confirmed target is behind (target_status.h);
// an agency's light applies that only to tasks it leads or is responsible for. Pure.
#ifndef DUBAN_WORKFLOW_TRAFFIC_LIGHT_H_
#define DUBAN_WORKFLOW_TRAFFIC_LIGHT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/evaluator.h"

namespace duban {

enum class Light {
  kNone,    // not tracked now: suspended, completed, removed, or nothing due
  kGreen,
  kYellow,
  kRed,
};
std::string_view LightName(Light light);    // "none", "green", "yellow", "red"
std::string_view LightNameZh(Light light);  // "—", "绿", "黄", "红"
std::optional<Light> ParseLight(std::string_view name);

struct LightReading {
  Light light = Light::kNone;
  std::string reason;  // English: "省科技厅 (lead) has not reported for 2026-Q3, due 2026-10-12 (2 working days left)"
};

// The worst light over the task's agencies and their current occurrences at `now`.
LightReading TaskLight(const TrackedTask& task, const EvaluationContext& context, int64_t now);

// How many of `tasks` show each light at `now`: TaskLight of each, with one working-day
// table for all.
std::map<Light, int64_t> CountLights(const std::vector<TrackedTask>& tasks,
                                     const EvaluationContext& context, int64_t now);

// The worst light over the agency's active tasks in any role at `now`.
LightReading AgencyLight(const std::vector<TrackedTask>& tasks, std::string_view agency,
                         const EvaluationContext& context, int64_t now);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TRAFFIC_LIGHT_H_
