#include "daemon/duband/target_proposals.h"

#include <set>
#include <utility>

#include <spdlog/spdlog.h>

#include "workflow/target_extractor.h"

namespace duban {

Result<std::vector<Target>> RecordPlanProposals(Store& store, const Plan& plan,
                                                const std::string& actor, int64_t now,
                                                const std::string& imported) {
  std::vector<Target> proposals = ProposeTargets(plan);
  if (proposals.empty()) return std::vector<Target>{};
  Result<std::vector<Target>> stored = store.RecordTargetProposals(proposals, actor, now);
  if (!stored.ok()) {
    spdlog::error("{} is imported, but its target proposals could not be stored: {}", imported,
                  stored.status().ToString());
  } else if (!stored->empty()) {
    spdlog::info("{}", ProposalsHint(stored->size()));
  }
  return stored;
}

Result<std::vector<Target>> PreviewPlanProposals(Store& store, const Plan& plan) {
  Result<std::vector<Target>> stored = store.ListTargets("", "");
  if (!stored.ok()) return stored.status();
  // The identity RecordTargetProposals uses: a proposal's task and the words it came from.
  std::set<std::pair<std::string, std::string>> known;
  for (const Target& target : *stored) known.emplace(target.task_ref, target.matched_text);
  std::vector<Target> fresh;
  for (Target& proposal : ProposeTargets(plan)) {
    if (known.count({proposal.task_ref, proposal.matched_text}) == 0) {
      fresh.push_back(std::move(proposal));
    }
  }
  return fresh;
}

std::string ProposalsHint(std::size_t count) {
  if (count == 0) return "";
  return std::to_string(count) + (count == 1 ? " target proposal" : " target proposals") +
         " to review: dubanctl target list --state proposed";
}

}  // namespace duban
