#include "workflow/agency_names.h"

#include <mutex>
#include <set>
#include <string>

namespace duban {

std::string_view InternAgencyName(std::string_view name) {
  // A node-based set: a stored string never moves, so its characters (short names are
  // kept inside the node) stay where the returned view points. Never destroyed, so views
  // stay valid during static destruction too.
  static std::mutex* const mutex = new std::mutex;
  static std::set<std::string, std::less<>>* const names = new std::set<std::string, std::less<>>;
  std::lock_guard<std::mutex> lock(*mutex);
  auto found = names->find(name);
  if (found == names->end()) found = names->emplace(name).first;
  return *found;
}

}  // namespace duban
