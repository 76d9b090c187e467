// AgencyDirectory: makes one agency of several names. Built from config (AgencyInfo) and
// applied to imported plans so that 省发改委, 省发展改革委 and 省发展和改革委员会 are one record.
//
// Thread-safety: const methods may be called concurrently; Add needs external locking.
#ifndef DUBAN_WORKFLOW_AGENCY_DIRECTORY_H_
#define DUBAN_WORKFLOW_AGENCY_DIRECTORY_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "workflow/agency.h"
#include "workflow/plan.h"
#include "workflow/status.h"

namespace duban {

class AgencyDirectory {
 public:
  // Registers `info.name` and its aliases. Fails with kConflict, naming both agencies, if
  // any of the names already belongs to another agency; nothing is added then.
  Status Add(const AgencyInfo& info);

  // The canonical name for `name` (itself if it is canonical or unknown).
  std::string Canonical(std::string_view name) const;

  // Rewrites every agency name in `plan` to its canonical form; a name that appears twice
  // in one role of a task after rewriting is kept once, at its first position.
  void Canonicalise(Plan* plan) const;

  const std::vector<AgencyInfo>& agencies() const { return agencies_; }

 private:
  std::vector<AgencyInfo> agencies_;
  std::unordered_map<std::string, size_t> index_;  // any name -> agencies_ position
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_AGENCY_DIRECTORY_H_
