#include "daemon/duband/peer_credentials.h"

#include <grp.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>
#include <utility>

#include <catch2/catch.hpp>

#include "tests/daemon/duband_test_util.h"

namespace duban {
namespace {

TEST_CASE("ReadPeerCredentials: the kernel's view of the other end", "[peer_credentials]") {
  int fds[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
  Result<PeerCredentials> peer = ReadPeerCredentials(fds[0]);
  close(fds[0]);
  close(fds[1]);
  REQUIRE(peer.ok());
  CHECK(peer->pid == getpid());
  CHECK(peer->uid == geteuid());
  CHECK(peer->gid == getegid());
}

TEST_CASE("ReadPeerCredentials: not a socket is an I/O error", "[peer_credentials]") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  Result<PeerCredentials> peer = ReadPeerCredentials(fds[0]);
  close(fds[0]);
  close(fds[1]);
  REQUIRE_FALSE(peer.ok());
  CHECK(peer.status().code() == Status::Code::kIOError);
  CHECK_THAT(peer.status().message(), Catch::Contains("SO_PEERCRED"));
}

TEST_CASE("IsAuthorisedForMutation: root and the daemon's own user", "[peer_credentials]") {
  CHECK(IsAuthorisedForMutation(testing::RootPeer(), ""));
  PeerCredentials self;
  self.uid = geteuid();
  self.gid = getegid();
  CHECK(IsAuthorisedForMutation(self, ""));
}

TEST_CASE("IsAuthorisedForMutation: others only through the admin group",
          "[peer_credentials]") {
  PeerCredentials outsider = testing::OutsiderPeer();
  CHECK_FALSE(IsAuthorisedForMutation(outsider, ""));
  CHECK_FALSE(IsAuthorisedForMutation(outsider, "root"));
  CHECK_FALSE(IsAuthorisedForMutation(outsider, "no-such-group-duban"));
  PeerCredentials member = outsider;
  member.gid = 0;  // primary group "root"
  CHECK(IsAuthorisedForMutation(member, "root"));
  CHECK_FALSE(IsAuthorisedForMutation(member, "no-such-group-duban"));
}

// A user listed as a supplementary member of a group in the group database (not by its
// primary gid), or nullopt if this system has none.
std::optional<std::pair<PeerCredentials, std::string>> SupplementaryMember() {
  std::optional<std::pair<PeerCredentials, std::string>> found;
  setgrent();
  while (const group* entry = getgrent()) {
    for (char** member = entry->gr_mem; *member != nullptr && !found; ++member) {
      const passwd* user = getpwnam(*member);
      if (user == nullptr || user->pw_uid == 0 || user->pw_uid == geteuid() ||
          user->pw_gid == entry->gr_gid) {
        continue;
      }
      PeerCredentials peer;
      peer.uid = user->pw_uid;
      peer.gid = user->pw_gid;
      peer.user = user->pw_name;
      found.emplace(peer, entry->gr_name);
    }
    if (found) break;
  }
  endgrent();
  return found;
}

TEST_CASE("IsAuthorisedForMutation: supplementary membership counts", "[peer_credentials]") {
  auto member = SupplementaryMember();
  if (!member) {
    WARN("no supplementary group members in this system's group database; not checked");
    return;
  }
  INFO(member->first.user << " in " << member->second);
  CHECK(IsAuthorisedForMutation(member->first, member->second));
  // Without the name, membership cannot be looked up.
  PeerCredentials nameless = member->first;
  nameless.user.clear();
  CHECK_FALSE(IsAuthorisedForMutation(nameless, member->second));
}

TEST_CASE("ActorName: uid and user name", "[peer_credentials]") {
  PeerCredentials peer;
  peer.uid = 1000;
  peer.user = "alice";
  CHECK(ActorName(peer) == "uid 1000 (alice)");
  peer.user.clear();
  CHECK(ActorName(peer) == "uid 1000");
}

}  // namespace
}  // namespace duban
