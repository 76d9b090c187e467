// The start-up import of [plan] file: when the store holds no plan yet, the configured
// file is read and imported, so a fresh installation comes up tracking its plan.
//
// Start-up has nobody to ask for consent, so a reading with errors or doubtful tasks is
// not imported: each issue is logged with its line and the daemon runs without a plan
// until an administrator imports one (dubanctl plan import, with accept_doubtful if the
// reading is right after all). Nothing here stops the daemon from starting.
//
// Thread-safety: as the Store (single thread).
#ifndef DUBAN_DAEMON_DUBAND_STARTUP_PLAN_H_
#define DUBAN_DAEMON_DUBAND_STARTUP_PLAN_H_

#include <cstdint>

#include "config/config.h"
#include "workflow/agency_directory.h"
#include "workflow/store.h"

namespace duban {

enum class StartupPlanOutcome {
  kNotConfigured,  // [plan] file is empty
  kStoreHasPlan,   // a plan was imported before; the file is not read
  kImported,
  kRefused,  // errors or doubts in the reading, or no tasks; each logged
  kFailed,   // the file or the store failed; logged
};

// The actor recorded in the audit log for this import.
inline constexpr const char* kStartupPlanActor = "duband ([plan] file)";

StartupPlanOutcome ImportStartupPlan(Store& store, const Config& config,
                                     const AgencyDirectory& agencies, int64_t now);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_STARTUP_PLAN_H_
