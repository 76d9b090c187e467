// Service: start-up order, the start-up plan import, reload and stop, with real files in
// a temporary directory, the real config loader and store, and the control socket.
#include "daemon/duband/service.h"

#include <sys/stat.h>

#include <fstream>
#include <future>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "config/config_loader.h"
#include "tests/daemon/duband_test_util.h"

namespace duban {
namespace {

using nlohmann::json;
using testing::TempDir;

constexpr int64_t kNow = 1'700'000'000;

constexpr const char* kPlanText =
    "关于印发重点工作分工方案的通知\n"
    "一、加强规划指导\n"
    "1.制定全省实施方案。(省发改委牵头,省财政厅参加)\n"
    "2.开展试点示范工作。(省科技厅负责)\n";

constexpr const char* kDoubtfulPlanText =
    "关于印发重点工作分工方案的通知\n"
    "一、加强规划指导\n"
    "1.制定全省实施方案。(省发改委牵头,省财政厅参加)\n"
    "2.开展试点示范工作，做好宣传引导。\n";

std::string ConfigText(const std::string& extra = "") {
  return "[daemon]\n"
         "state_dir = \"state\"\n"
         "socket = \"run/duband.sock\"\n"
         "[mail]\n"
         "dir = \"mail\"\n" +
         extra +
         "[[agency]]\n"
         "name = \"省发改委\"\n"
         "aliases = [\"省发展改革委\"]\n";
}

void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Writes duban.toml into `dir`, loads it, starts a Service on it.
Result<std::unique_ptr<Service>> StartService(const TempDir& dir, const std::string& config) {
  std::filesystem::path file = dir.path() / "duban.toml";
  WriteFile(file, config);
  ConfigLoadResult loaded = LoadConfigFile(file);
  for (const auto& error : loaded.errors) UNSCOPED_INFO(error.ToString());
  REQUIRE(loaded.config);
  ServiceOptions options;
  options.config_path = file;
  options.clock = [] { return kNow; };
  return Service::Start(std::move(*loaded.config), std::move(options));
}

// Runs a started Service on a thread until the test ends.
class Running {
 public:
  explicit Running(std::unique_ptr<Service> service)
      : service_(std::move(service)), thread_([this] { service_->Run(); }) {}
  ~Running() { Stop(); }

  void Stop() {
    if (!thread_.joinable()) return;
    boost::asio::post(service_->io_context(), [this] { service_->Stop(); });
    thread_.join();
  }

  Status Reload() {
    std::promise<Status> done;
    boost::asio::post(service_->io_context(), [&] { done.set_value(service_->Reload()); });
    return done.get_future().get();
  }

  // One request over the control socket.
  json Call(const std::string& cmd, json args = json::object()) {
    int fd = testing::ConnectUnix(service_->config().daemon.socket_path);
    REQUIRE(fd >= 0);
    json request = {{"v", 1}, {"id", 1}, {"cmd", cmd}, {"args", std::move(args)}};
    REQUIRE(testing::SendAll(fd, request.dump() + "\n"));
    std::optional<std::string> line = testing::ReadLine(fd);
    close(fd);
    REQUIRE(line);
    return json::parse(*line);
  }

  Service& service() { return *service_; }

 private:
  std::unique_ptr<Service> service_;
  std::thread thread_;
};

mode_t ModeOf(const std::filesystem::path& path) {
  struct stat st{};
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

TEST_CASE("Service: starts, creates its directories, serves, stops", "[service]") {
  TempDir dir;
  auto started = StartService(dir, ConfigText());
  REQUIRE(started.ok());
  auto socket = dir.path() / "run" / "duband.sock";
  CHECK(ModeOf(dir.path() / "state") == 0750);
  CHECK(ModeOf(dir.path() / "mail") == 0750);
  CHECK(ModeOf(dir.path() / "run") == 0750);
  CHECK(ModeOf(socket) == 0660);
  CHECK(std::filesystem::exists(dir.path() / "state" / "duban.db"));

  Running running(std::move(started).value());
  json status = running.Call("status");
  REQUIRE(status["ok"] == true);
  CHECK(status["result"]["store"] == (dir.path() / "state" / "duban.db").string());
  CHECK(status["result"]["summary"]["agencies"] == 1);  // synced from config
  running.Stop();
  CHECK_FALSE(std::filesystem::exists(socket));
}

TEST_CASE("Service: imports [plan] file when the store has no plan", "[service]") {
  TempDir dir;
  WriteFile(dir.path() / "plan.txt", kPlanText);
  auto started = StartService(dir, ConfigText("[plan]\nfile = \"plan.txt\"\n"));
  REQUIRE(started.ok());
  Running running(std::move(started).value());
  json summary = running.Call("status")["result"]["summary"];
  CHECK(summary["active_tasks"] == 2);
  CHECK(summary["plan_imported_at"] == kNow);
}

TEST_CASE("Service: a doubtful [plan] file is not imported; the daemon runs", "[service]") {
  TempDir dir;
  WriteFile(dir.path() / "plan.txt", kDoubtfulPlanText);
  auto started = StartService(dir, ConfigText("[plan]\nfile = \"plan.txt\"\n"));
  REQUIRE(started.ok());
  Running running(std::move(started).value());
  json summary = running.Call("status")["result"]["summary"];
  CHECK(summary["active_tasks"] == 0);
  CHECK(summary["plan_imported_at"] == 0);
}

TEST_CASE("Service: a second daemon on the same socket does not start", "[service]") {
  TempDir first_dir;
  auto first = StartService(first_dir, ConfigText());
  REQUIRE(first.ok());
  Running running(std::move(first).value());

  TempDir second_dir;
  std::string config = ConfigText();
  std::string socket = (first_dir.path() / "run" / "duband.sock").string();
  config.replace(config.find("run/duband.sock"), std::string("run/duband.sock").size(), socket);
  auto second = StartService(second_dir, config);
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code() == Status::Code::kConflict);
  CHECK_THAT(second.status().message(), Catch::Contains("in use by another duband"));
  CHECK(running.Call("status")["ok"] == true);  // the first one is untouched
}

TEST_CASE("Service: a store that cannot be opened stops start-up", "[service]") {
  TempDir dir;
  WriteFile(dir.path() / "state", "not a directory");
  auto started = StartService(dir, ConfigText());
  REQUIRE_FALSE(started.ok());
  CHECK_THAT(started.status().message(), Catch::Contains("state"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "run" / "duband.sock"));
}

TEST_CASE("Service: a reload with errors keeps the running config", "[service]") {
  TempDir dir;
  auto started = StartService(dir, ConfigText());
  REQUIRE(started.ok());
  Running running(std::move(started).value());
  WriteFile(dir.path() / "duban.toml", ConfigText("[control]\nmax_clients = \"many\"\n"));
  Status status = running.Reload();
  CHECK(status.code() == Status::Code::kInvalidArgument);
  CHECK(running.Call("status")["ok"] == true);
  CHECK(running.Call("agency.get", {{"name", "省发展改革委"}})["ok"] == true);
}

TEST_CASE("Service: a reload swaps agencies in; path changes wait for a restart",
          "[service]") {
  TempDir dir;
  auto started = StartService(dir, ConfigText());
  REQUIRE(started.ok());
  Running running(std::move(started).value());
  std::string config = ConfigText() + "[[agency]]\nname = \"省财政厅\"\naliases = [\"浙江省财政厅\"]\n";
  config.replace(config.find("run/duband.sock"), std::string("run/duband.sock").size(),
                 "elsewhere.sock");
  WriteFile(dir.path() / "duban.toml", config);
  REQUIRE(running.Reload().ok());

  // The new alias is known to the store and used when importing.
  CHECK(running.Call("agency.get", {{"name", "浙江省财政厅"}})["ok"] == true);
  json preview = running.Call("plan.import", {{"content", "一、总体\n1.做好工作。(浙江省财政厅负责)\n"},
                                              {"dry_run", true}});
  REQUIRE(preview["ok"] == true);
  CHECK(preview["result"]["tasks"][0]["responsible"] == json({"省财政厅"}));

  // The socket did not move.
  CHECK(running.service().config().daemon.socket_path == dir.path() / "run" / "duband.sock");
  CHECK_FALSE(std::filesystem::exists(dir.path() / "elsewhere.sock"));
}

TEST_CASE("Service: the scheduler wakes at start-up and status shows it", "[service]") {
  TempDir dir;
  WriteFile(dir.path() / "plan.txt", kPlanText);
  auto started = StartService(dir, ConfigText("[plan]\nfile = \"plan.txt\"\n"));
  REQUIRE(started.ok());
  Running running(std::move(started).value());
  json status = running.Call("status")["result"];
  CHECK(status["scheduler"]["evaluated_until"] == kNow);
  CHECK(status["scheduler"]["next_wake"] == kNow + 60);  // [daemon] max_sleep_seconds default
  CHECK(status["scheduler"]["pending"] == 0);
  CHECK(status["lights"]["none"] == 2);  // the plan has no due dates
}

TEST_CASE("Service: the reload command swaps the tracking config or lists every error",
          "[service]") {
  TempDir dir;
  auto started = StartService(dir, ConfigText());
  REQUIRE(started.ok());
  Running running(std::move(started).value());
  const auto file = dir.path() / "duban.toml";

  WriteFile(file, ConfigText("[control]\nmax_clients = \"many\"\nidle_timeout_seconds = \"x\"\n"));
  json failed = running.Call("reload");
  CHECK(failed["error"]["code"] == "invalid_argument");
  const std::string message = failed["error"]["message"].get<std::string>();
  CHECK(message.find("control.max_clients") != std::string::npos);
  CHECK(message.find("control.idle_timeout_seconds") != std::string::npos);
  CHECK(running.Call("status")["result"]["scheduler"]["next_wake"] == kNow + 60);

  std::string text = ConfigText();
  text.insert(text.find("[mail]"), "max_sleep_seconds = 120\n");
  WriteFile(file, text);
  json reloaded = running.Call("reload");
  INFO(reloaded.dump());
  CHECK(reloaded["result"]["reloaded"] == true);
  CHECK(running.service().config().daemon.max_sleep_seconds == 120);
  CHECK(running.Call("status")["result"]["scheduler"]["next_wake"] == kNow + 120);
}

TEST_CASE("BuildAgencyDirectory: a name given to two agencies is a conflict", "[service]") {
  std::vector<AgencyInfo> agencies = {{"省发改委", {"发改委"}, "", "", ""},
                                      {"市发改委", {"发改委"}, "", "", ""}};
  CHECK(BuildAgencyDirectory(agencies).status().code() == Status::Code::kConflict);
}

}  // namespace
}  // namespace duban
