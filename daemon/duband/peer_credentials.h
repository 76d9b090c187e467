// PeerCredentials: who is on the other end of a connected Unix socket, as the kernel says
// (SO_PEERCRED), and whether that peer may run mutating control commands.
//
// The control socket is the only way into duband, so authority comes from the transport
// (as chrony grants full access only on its Unix socket): anyone who can open the socket
// (mode 0660) may read; only root, the daemon's own user, or a member of the configured
// admin group may change state.
//
// Thread-safety: plain value and free functions; the functions read the user and group
// databases with the reentrant getpwuid_r/getgrnam_r and may be called from any thread.
#ifndef DUBAN_DAEMON_DUBAND_PEER_CREDENTIALS_H_
#define DUBAN_DAEMON_DUBAND_PEER_CREDENTIALS_H_

#include <sys/types.h>

#include <string>
#include <string_view>

#include "workflow/status.h"

namespace duban {

struct PeerCredentials {
  pid_t pid = 0;
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
  std::string user;  // login name of uid, "" if the user database has none
};

// Reads SO_PEERCRED of the connected Unix socket `fd` and looks up the user name.
// kIOError naming errno if the kernel refuses (not a Unix socket, not connected).
Result<PeerCredentials> ReadPeerCredentials(int fd);

// True for root, for the daemon's own effective uid, and for members of `admin_group`
// (by primary gid or supplementary membership). An empty or unknown `admin_group`
// authorises nobody beyond root and the daemon's user.
bool IsAuthorisedForMutation(const PeerCredentials& peer, std::string_view admin_group);

// "uid 1000 (alice)", or "uid 1000" when the user has no name; for logs and the audit log.
std::string ActorName(const PeerCredentials& peer);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_PEER_CREDENTIALS_H_
