// JSON form of a 考核 Assessment (workflow/assessment.h), the `report` of
// report.assessment (docs/PROTOCOL.md). duband writes it; dubanctl reads it back to draw
// its table with the same cells as the documents. Dates "YYYY-MM-DD", instants UTC
// seconds, rates a number in [0, 1] or null, lights LightName. Pure; thread-safe.
#ifndef DUBAN_DAEMON_ASSESSMENT_JSON_H_
#define DUBAN_DAEMON_ASSESSMENT_JSON_H_

#include <nlohmann/json.hpp>

#include "workflow/assessment.h"

namespace duban {

nlohmann::json ToJson(const Assessment& assessment);

// The inverse of ToJson. Throws nlohmann::json::exception on a field of the wrong type
// or an unknown enum name (dubanctl reports it as a reply it did not understand).
Assessment AssessmentFromJson(const nlohmann::json& json);

}  // namespace duban

#endif  // DUBAN_DAEMON_ASSESSMENT_JSON_H_
