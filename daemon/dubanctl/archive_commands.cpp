// dubanctl export, backup (docs/BACKUP.md).
//
// `export FILE` asks state.export for the whole state and writes it as indented JSON,
// atomically and 0600 (it holds contact addresses); `-` prints it.
//
// `backup FILE` asks duband for a copy of its store (backup.create), waits while the copy
// is made (backup.read answers "running"), then reads it chunk by chunk into a temporary
// file beside FILE, hashing as it goes; only when the size and SHA-256 match what the
// daemon announced is the file renamed into place (0600). The copy is never written to
// stdout: a database on a terminal helps nobody.
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "daemon/archive_codec.h"
#include "daemon/dubanctl/atomic_file.h"
#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/output.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

constexpr mode_t kArchiveFileMode = 0600;
constexpr std::chrono::milliseconds kPollInterval{200};
// 1 MiB, the daemon's largest chunk: about 1.4 MB of base64 per reply line.
constexpr int64_t kChunkBytes = 1 << 20;

struct ExportOptions {
  std::string file;
  bool message_bodies = false;
};

struct BackupOptions {
  std::string file;
  double wait_seconds = 600;
};

void RunExport(Context& context, const ExportOptions& options) {
  std::optional<json> result =
      context.Call("state.export", {{"message_bodies", options.message_bodies}});
  if (!result) return;
  const std::string text = result->dump(2, ' ', false, json::error_handler_t::strict) + "\n";
  if (options.file == "-") {
    context.out->write(text.data(), static_cast<std::streamsize>(text.size()));
    context.out->flush();
    return;
  }
  Result<std::unique_ptr<AtomicFile>> file = AtomicFile::Create(options.file, kArchiveFileMode);
  Status status = file.ok() ? (*file)->Write(text) : file.status();
  if (status.ok()) status = (*file)->Commit();
  if (!status.ok()) {
    context.Fail(kExitUsage, status.message());
    return;
  }
  const json& counts = result->at("counts");
  *context.out << "state exported to " << options.file << ": "
               << CountOf(counts.at("tasks").get<int64_t>(), "task", "tasks") << ", "
               << CountOf(counts.at("feedback").get<int64_t>(), "feedback", "feedback") << ", "
               << CountOf(counts.at("audit").get<int64_t>(), "audit entry", "audit entries")
               << " (" << text.size() << " bytes)\n";
}

// Polls backup.read at offset 0 until the copy is no longer running; the first chunk of
// a ready copy, or nullopt (the failure already reported).
std::optional<json> WaitForCopy(Context& context, int64_t id, double wait_seconds) {
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(static_cast<int64_t>(wait_seconds * 1000));
  while (true) {
    std::optional<json> chunk =
        context.Call("backup.read", {{"id", id}, {"offset", 0}, {"length", kChunkBytes}});
    if (!chunk || chunk->at("state").get<std::string>() != "running") return chunk;
    if (std::chrono::steady_clock::now() >= deadline) {
      context.Fail(kExitDaemonError,
                   "backup " + std::to_string(id) + " is still being made after " +
                       std::to_string(static_cast<int64_t>(wait_seconds)) + " s (" +
                       std::to_string(chunk->at("pages_done").get<int64_t>()) + " of " +
                       std::to_string(chunk->at("pages_total").get<int64_t>()) +
                       " pages); try again with a longer --wait");
      return std::nullopt;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

// Writes the chunks from `first` on into `file`; OK once the last chunk is in and the
// size and SHA-256 match the daemon's.
Status ReceiveCopy(Context& context, int64_t id, json chunk, AtomicFile& file) {
  const int64_t size = chunk.at("size").get<int64_t>();
  const std::string expected_sha = chunk.at("sha256").get<std::string>();
  Sha256 hash;
  int64_t offset = 0;
  while (true) {
    if (chunk.at("offset").get<int64_t>() != offset) {
      return Status::Corruption("backup " + std::to_string(id) + ": asked for offset " +
                                std::to_string(offset) + ", got a chunk at " +
                                chunk.at("offset").dump());
    }
    Result<std::string> data = Base64Decode(chunk.at("data").get<std::string>());
    if (!data.ok()) return Status::Corruption("backup " + std::to_string(id) + ": chunk at " +
                                              std::to_string(offset) + ": " +
                                              data.status().message());
    const bool eof = chunk.at("eof").get<bool>();
    if (data->empty() && !eof) {
      return Status::Corruption("backup " + std::to_string(id) + ": empty chunk at " +
                                std::to_string(offset) + " before the end");
    }
    hash.Update(*data);
    if (Status written = file.Write(*data); !written.ok()) return written;
    offset += static_cast<int64_t>(data->size());
    if (eof) break;
    std::optional<json> next =
        context.Call("backup.read", {{"id", id}, {"offset", offset}, {"length", kChunkBytes}});
    if (!next) return Status::FailedPrecondition("");  // reported by Call
    chunk = std::move(*next);
  }
  const std::string got_sha = hash.HexDigest();
  if (offset != size || got_sha != expected_sha) {
    return Status::Corruption("backup " + std::to_string(id) + " arrived damaged: " +
                              std::to_string(offset) + " bytes with sha256 " + got_sha +
                              ", the daemon made " + std::to_string(size) + " bytes with sha256 " +
                              expected_sha + "; " + file.path() + " not written");
  }
  return file.Commit();
}

void RunBackup(Context& context, const BackupOptions& options) {
  if (options.file == "-") {
    context.Fail(kExitUsage, "backup writes a database file; give a file name, not -");
    return;
  }
  // The target must be writable before the daemon copies anything.
  Result<std::unique_ptr<AtomicFile>> file = AtomicFile::Create(options.file, kArchiveFileMode);
  if (!file.ok()) {
    context.Fail(kExitUsage, file.status().message());
    return;
  }
  std::optional<json> started = context.Call("backup.create");
  if (!started) return;
  const int64_t id = started->at("id").get<int64_t>();
  std::optional<json> first = WaitForCopy(context, id, options.wait_seconds);
  if (!first) return;
  const json announced = *first;
  Status status = ReceiveCopy(context, id, std::move(*first), **file);
  if (!status.ok()) {
    if (!status.message().empty()) context.Fail(kExitDaemonError, status.message());
    return;
  }
  if (context.json) {
    json summary = {{"id", id},
                    {"file", options.file},
                    {"size", announced.at("size")},
                    {"sha256", announced.at("sha256")},
                    {"created_at", announced.at("created_at")}};
    context.PrintJson(summary);
    return;
  }
  *context.out << "backup " << id << " written to " << options.file << ": "
               << announced.at("size").get<int64_t>() << " bytes, sha256 "
               << announced.at("sha256").get<std::string>() << "\n"
               << "the store as it was at "
               << FormatLocalTime(announced.at("created_at").get<int64_t>())
               << "; check it with duband --check-store " << options.file << "\n";
}

}  // namespace

void SetupExportCommand(CLI::App& command, Context& context) {
  auto options = std::make_shared<ExportOptions>();
  command.add_option("FILE", options->file, "the JSON file to write (mode 0600), - for stdout")
      ->required();
  command.add_flag("--message-bodies", options->message_bodies,
                   "include each message's text, html and the server's reply");
  command.callback([&context, options] { context.Run([&] { RunExport(context, *options); }); });
}

void SetupBackupCommand(CLI::App& command, Context& context) {
  auto options = std::make_shared<BackupOptions>();
  command.add_option("FILE", options->file, "the SQLite file to write (mode 0600)")->required();
  command.add_option("--wait", options->wait_seconds,
                     "seconds to wait for the daemon to make the copy (default 600)")
      ->check(CLI::PositiveNumber);
  command.callback([&context, options] { context.Run([&] { RunBackup(context, *options); }); });
}

}  // namespace duban::ctl
