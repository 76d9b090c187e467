// Reading optional fields of a JSON object: the helpers behind every *FromJson in daemon/
// (plan_json, tracking_json, message_json, assessment_json). A missing or null field leaves
// `*out` unchanged (its default); a field of the wrong type or value throws
// nlohmann::json::exception, which dubanctl reports as a protocol error.
#ifndef DUBAN_DAEMON_JSON_READ_H_
#define DUBAN_DAEMON_JSON_READ_H_

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "workflow/civil_date.h"

namespace duban::json_read {

template <typename T>
void Read(const nlohmann::json& j, const char* key, T* out) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) *out = it->get<T>();
}

// Throws the json exception a malformed field gives, with `message` and `j` as context.
[[noreturn]] inline void Fail(const nlohmann::json& j, const std::string& message) {
  throw nlohmann::json::other_error::create(501, message, &j);
}

// A "YYYY-MM-DD" field; missing, null or "" gives CivilDate{} (no date).
inline CivilDate ReadDate(const nlohmann::json& j, const char* key) {
  std::string text;
  Read(j, key, &text);
  if (text.empty()) return CivilDate{};
  std::optional<CivilDate> date = ParseCivilDate(text);
  if (!date) Fail(j, std::string(key) + " is not a YYYY-MM-DD date: " + text);
  return *date;
}

// An enum field by name through `parse`; missing, null or "" gives `fallback`.
template <typename E, typename Parse>
E ReadEnum(const nlohmann::json& j, const char* key, E fallback, Parse parse) {
  std::string name;
  Read(j, key, &name);
  if (name.empty()) return fallback;
  std::optional<E> value = parse(name);
  if (!value) Fail(j, std::string(key) + " has an unknown value: " + name);
  return *value;
}

}  // namespace duban::json_read

#endif  // DUBAN_DAEMON_JSON_READ_H_
