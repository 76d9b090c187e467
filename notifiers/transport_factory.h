// TransportFactory: makes the transports the dispatcher sends through, from the running
// configuration. The dispatcher asks for a new transport whenever it has none idle for a
// channel or target (a transport holds one connection), so tests can hand it transports
// that inject faults, and a reload swaps the factory for one built from the new config.
//
// Thread-safety: Email and Webhook are called on the daemon's io_context thread only; the
// transports they make are then used by one worker thread at a time.
#ifndef DUBAN_NOTIFIERS_TRANSPORT_FACTORY_H_
#define DUBAN_NOTIFIERS_TRANSPORT_FACTORY_H_

#include <memory>
#include <string>

#include "config/config.h"
#include "notifiers/transport.h"
#include "workflow/status.h"

namespace duban {

class TransportFactory {
 public:
  virtual ~TransportFactory() = default;
  // A transport for email: SMTP or the mail folder, as [mail] transport says.
  virtual Result<std::unique_ptr<Transport>> Email() = 0;
  // A transport for the [[webhook]] named `name`; kNotFound if there is none.
  virtual Result<std::unique_ptr<Transport>> Webhook(const std::string& name) = 0;
};

// The factory of `config`: [mail] and [[webhook]] as configured. Keeps a copy of what it
// needs (secrets included), so the config may change afterwards.
std::unique_ptr<TransportFactory> MakeConfiguredTransports(const Config& config);

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_TRANSPORT_FACTORY_H_
