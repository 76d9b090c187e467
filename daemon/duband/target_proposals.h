// The importer's target proposals (workflow/target_extractor.h) around a plan import, for
// both the plan.import command and the start-up import of [plan] file: after a real import
// the proposals are stored for the office to review (never confirmed here); a dry run
// shows the ones a real import would store.
//
// Thread-safety: as the Store (single thread).
#ifndef DUBAN_DAEMON_DUBAND_TARGET_PROPOSALS_H_
#define DUBAN_DAEMON_DUBAND_TARGET_PROPOSALS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "workflow/plan.h"
#include "workflow/status.h"
#include "workflow/store.h"
#include "workflow/target.h"

namespace duban {

// Proposes the targets of `plan` (just applied) and records them; returns those stored
// (a proposal already stored in any state, by task and matched text, is not stored again).
// Logs the outcome, naming `imported` ("the plan", "[plan] file X"): the hint when some
// were stored, an error when they could not be (the plan stays imported and running).
Result<std::vector<Target>> RecordPlanProposals(Store& store, const Plan& plan,
                                                const std::string& actor, int64_t now,
                                                const std::string& imported);

// The proposals of `plan` that RecordPlanProposals would store now: those whose task and
// matched text are not stored yet. Nothing is written.
Result<std::vector<Target>> PreviewPlanProposals(Store& store, const Plan& plan);

// "3 target proposals to review: dubanctl target list --state proposed"; "" for 0.
std::string ProposalsHint(std::size_t count);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_TARGET_PROPOSALS_H_
