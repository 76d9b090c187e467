#include "daemon/duband/peer_credentials.h"

#include <grp.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

namespace duban {
namespace {

// Buffer size for the *_r lookups; grown on ERANGE.
constexpr size_t kInitialLookupBuffer = 4096;
constexpr size_t kMaxLookupBuffer = 1 << 20;

std::string UserName(uid_t uid) {
  std::vector<char> buffer(kInitialLookupBuffer);
  for (;;) {
    passwd entry{};
    passwd* found = nullptr;
    int rc = getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found);
    if (rc == ERANGE && buffer.size() < kMaxLookupBuffer) {
      buffer.resize(buffer.size() * 2);
      continue;
    }
    return (rc == 0 && found != nullptr) ? std::string(found->pw_name) : std::string();
  }
}

std::optional<gid_t> GroupId(const std::string& group) {
  std::vector<char> buffer(kInitialLookupBuffer);
  for (;;) {
    struct group entry{};
    struct group* found = nullptr;
    int rc = getgrnam_r(group.c_str(), &entry, buffer.data(), buffer.size(), &found);
    if (rc == ERANGE && buffer.size() < kMaxLookupBuffer) {
      buffer.resize(buffer.size() * 2);
      continue;
    }
    if (rc != 0 || found == nullptr) return std::nullopt;
    return found->gr_gid;
  }
}

// Every group `user` belongs to (primary `gid` included), from the group database.
std::vector<gid_t> GroupsOf(const std::string& user, gid_t gid) {
  int count = 32;
  std::vector<gid_t> groups(static_cast<size_t>(count));
  while (getgrouplist(user.c_str(), gid, groups.data(), &count) == -1) {
    if (count <= static_cast<int>(groups.size())) count = static_cast<int>(groups.size()) * 2;
    groups.resize(static_cast<size_t>(count));
  }
  groups.resize(static_cast<size_t>(count));
  return groups;
}

}  // namespace

Result<PeerCredentials> ReadPeerCredentials(int fd) {
  ucred cred{};
  socklen_t length = sizeof(cred);
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0) {
    return Status::IOError(std::string("cannot read the peer's credentials (SO_PEERCRED): ") +
                           std::strerror(errno));
  }
  PeerCredentials peer;
  peer.pid = cred.pid;
  peer.uid = cred.uid;
  peer.gid = cred.gid;
  peer.user = UserName(cred.uid);
  return peer;
}

bool IsAuthorisedForMutation(const PeerCredentials& peer, std::string_view admin_group) {
  if (peer.uid == 0 || peer.uid == geteuid()) return true;
  if (admin_group.empty()) return false;
  std::optional<gid_t> admin_gid = GroupId(std::string(admin_group));
  if (!admin_gid) return false;
  if (peer.gid == *admin_gid) return true;
  if (peer.user.empty()) return false;
  std::vector<gid_t> groups = GroupsOf(peer.user, peer.gid);
  return std::find(groups.begin(), groups.end(), *admin_gid) != groups.end();
}

std::string ActorName(const PeerCredentials& peer) {
  std::string actor = "uid " + std::to_string(peer.uid);
  if (!peer.user.empty()) actor += " (" + peer.user + ")";
  return actor;
}

}  // namespace duban
