// The state export: everything duband keeps, as one JSON document for archiving
// (`dubanctl export`, command state.export; the shape is in docs/BACKUP.md).
//
// Built only from Store reads and the protocol's own JSON forms (daemon/plan_json.h,
// daemon/message_json.h), so a field another part adds to a task, a feedback or a message
// is exported without a change here. Not a restore format: the store backup is
// (docs/BACKUP.md); the export is for reading, diffing and keeping.
//
// Pure given the store: no clock read (`now` is exported_at), no file written.
#ifndef DUBAN_DAEMON_DUBAND_STATE_EXPORT_H_
#define DUBAN_DAEMON_DUBAND_STATE_EXPORT_H_

#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "workflow/status.h"
#include "workflow/store.h"
#include "workflow/time_zone.h"

namespace duban {

inline constexpr std::string_view kStateExportFormat = "duban-state-export";
// Raised when a field changes meaning or goes away; added fields keep the version.
inline constexpr int kStateExportVersion = 1;

struct StateExportOptions {
  // Messages in full (text, html, data, the server's reply) instead of their metadata.
  bool message_bodies = false;
};

// The document. `zone` gives the "_local" times of outbox rows and messages (UTC when
// null). Any store read failing fails the whole export with that read's Status.
Result<nlohmann::json> BuildStateExport(Store& store, const StateExportOptions& options,
                                        int64_t now, const TimeZone* zone);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_STATE_EXPORT_H_
