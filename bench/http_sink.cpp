// http_sink: a loopback HTTP/1.1 responder for bench_delivery's webhook figures, the
// webhook counterpart of postfix's smtp-sink: it reads each request (headers and a
// Content-Length body), answers 200 with a fixed JSON body on the same keep-alive
// connection, and counts. One thread, epoll, non-blocking sockets, TCP_NODELAY, so on
// loopback it costs far less than the client it measures (tests/servers/http_receiver.py,
// which parses, verifies and records every request, does not).
//
//   http_sink [PORT]     listens on 127.0.0.1:PORT (0 or none: a free port)
//
// Prints "port N" once listening, and "requests N" when SIGINT or SIGTERM stops it.
// Not the project's code: no dependency besides libc.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view kResponse =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
    "{\"ok\":true}";

struct Connection {
  std::string in;
  std::string out;
  bool watching_out = false;  // EPOLLOUT registered: a reply did not fit the socket
};

// Content-Length of a header block, 0 if it has none.
size_t ContentLength(std::string_view headers) {
  constexpr std::string_view kName = "\ncontent-length:";
  for (size_t i = 0; i + kName.size() <= headers.size(); ++i) {
    if (strncasecmp(headers.data() + i, kName.data(), kName.size()) == 0) {
      return std::strtoul(std::string(headers.substr(i + kName.size(), 20)).c_str(), nullptr, 10);
    }
  }
  return 0;
}

// Answers every complete request in `c.in`; returns how many.
long Answer(Connection& c) {
  long answered = 0;
  size_t used = 0;
  for (;;) {
    const size_t end = c.in.find("\r\n\r\n", used);
    if (end == std::string::npos) break;
    const size_t body = end + 4;
    const size_t length = ContentLength(std::string_view(c.in).substr(used, body - used));
    if (c.in.size() < body + length) break;
    used = body + length;
    c.out.append(kResponse);
    ++answered;
  }
  c.in.erase(0, used);
  return answered;
}

// Writes what it can; false if the peer is gone.
bool Flush(int fd, Connection& c) {
  while (!c.out.empty()) {
    const ssize_t n = write(fd, c.out.data(), c.out.size());
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
    c.out.erase(0, static_cast<size_t>(n));
  }
  return true;
}

int Listen(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(fd, 128) != 0) {
    std::perror("http_sink: bind/listen");
    std::exit(1);
  }
  socklen_t size = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  std::printf("port %d\n", ntohs(address.sin_port));
  std::fflush(stdout);
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  sigprocmask(SIG_BLOCK, &stop, nullptr);
  signal(SIGPIPE, SIG_IGN);
  const int signals = signalfd(-1, &stop, SFD_CLOEXEC);
  const int listener = Listen(argc > 1 ? std::atoi(argv[1]) : 0);
  const int poller = epoll_create1(EPOLL_CLOEXEC);
  auto watch = [poller](int fd, uint32_t events, int op) {
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    epoll_ctl(poller, op, fd, &event);
  };
  watch(signals, EPOLLIN, EPOLL_CTL_ADD);
  watch(listener, EPOLLIN, EPOLL_CTL_ADD);

  std::map<int, Connection> connections;
  long requests = 0;
  char buffer[64 * 1024];
  for (;;) {
    epoll_event events[64];
    const int ready = epoll_wait(poller, events, 64, -1);
    for (int i = 0; i < ready; ++i) {
      const int fd = events[i].data.fd;
      if (fd == signals) {
        std::printf("requests %ld\n", requests);
        return 0;
      }
      if (fd == listener) {
        for (int client; (client = accept4(listener, nullptr, nullptr,
                                           SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0;) {
          const int one = 1;
          setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          connections[client];
          watch(client, EPOLLIN, EPOLL_CTL_ADD);
        }
        continue;
      }
      Connection& c = connections[fd];
      bool open = true;
      if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
        for (;;) {
          const ssize_t n = read(fd, buffer, sizeof buffer);
          if (n > 0) {
            c.in.append(buffer, static_cast<size_t>(n));
            continue;
          }
          open = n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
          break;
        }
        requests += Answer(c);
      }
      if (open) open = Flush(fd, c);
      if (!open) {
        close(fd);  // also leaves the epoll set
        connections.erase(fd);
      } else if (c.watching_out == c.out.empty()) {
        c.watching_out = !c.out.empty();
        watch(fd, c.watching_out ? EPOLLIN | EPOLLOUT : EPOLLIN, EPOLL_CTL_MOD);
      }
    }
  }
}
