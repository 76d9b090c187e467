// Reading optional fields of a JSON object: the one helper behind every *FromJson in
// daemon/plan_json.cpp and daemon/tracking_json.cpp. A missing or null field leaves `*out`
// unchanged (its default); a field of the wrong type throws nlohmann::json::exception, which
// dubanctl reports as a protocol error.
#ifndef DUBAN_DAEMON_JSON_READ_H_
#define DUBAN_DAEMON_JSON_READ_H_

#include <nlohmann/json.hpp>

namespace duban::json_read {

template <typename T>
void Read(const nlohmann::json& j, const char* key, T* out) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) *out = it->get<T>();
}

}  // namespace duban::json_read

#endif  // DUBAN_DAEMON_JSON_READ_H_
