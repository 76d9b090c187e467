// CommandHandler: the archive commands (docs/BACKUP.md).
//   state.export   the full state as one JSON document (state_export.h), read-only
//   backup.create  starts a copy of the store (BackupManager), admin only
//   backup.read    a base64 chunk of that copy, or its progress while it is being made;
//                  admin only, since the copy holds everything the store does
// The copy is made on a worker thread, so backup.create answers at once and dubanctl
// polls backup.read until the copy is ready, then reads it chunk by chunk.
#include <cstdint>

#include "daemon/archive_codec.h"
#include "daemon/duband/backup_manager.h"
#include "daemon/duband/command_args.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/command_helpers.h"
#include "daemon/duband/state_export.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;
using command_helpers::Mutating;
using command_helpers::ReadOnly;

Status BackupsNotRunning() {
  return Status::FailedPrecondition("backups are not available in this daemon");
}

json InfoJson(const BackupInfo& info) {
  json j = {{"id", info.id},
            {"state", info.state},
            {"pages_done", info.pages_done},
            {"pages_total", info.pages_total},
            {"created_at", info.created_at}};
  if (info.state == "ready") {
    j["size"] = info.size;
    j["sha256"] = info.sha256;
  }
  return j;
}

// A required integer argument in [min, max], as int64 (offsets pass 2 GiB).
Status ReadInt64Arg(const json& args, const char* key, int64_t min, int64_t max, int64_t* out) {
  if (!HasArg(args, key)) return Status::InvalidArgument(std::string("args.") + key + " is required");
  const json& value = args[key];
  if (!value.is_number_integer() || value.get<int64_t>() < min || value.get<int64_t>() > max) {
    return Status::InvalidArgument(std::string("args.") + key + " must be an integer from " +
                                   std::to_string(min) + " to " + std::to_string(max));
  }
  *out = value.get<int64_t>();
  return Status::OK();
}

struct ReadArgs {
  int64_t id = 0;
  int64_t offset = 0;
  int64_t length = BackupManager::kMaxChunkBytes;
};

Result<ReadArgs> ParseReadArgs(const json& args) {
  ReadArgs parsed;
  Status status = CheckArgNames(args, "backup.read", {"id", "offset", "length"});
  if (status.ok()) status = ReadInt64Arg(args, "id", 1, INT64_MAX, &parsed.id);
  if (status.ok()) status = ReadInt64Arg(args, "offset", 0, INT64_MAX, &parsed.offset);
  if (status.ok() && HasArg(args, "length")) {
    status = ReadInt64Arg(args, "length", 1, BackupManager::kMaxChunkBytes, &parsed.length);
  }
  if (!status.ok()) return status;
  return parsed;
}

}  // namespace

Result<PreparedCommand> CommandHandler::PrepareStateExport(const json& args) {
  StateExportOptions options;
  Status status = CheckArgNames(args, "state.export", {"message_bodies"});
  if (status.ok()) status = ReadBoolArg(args, "message_bodies", &options.message_bodies);
  if (!status.ok()) return status;
  return ReadOnly([this, options]() -> Result<json> {
    return BuildStateExport(store_, options, clock_(), DisplayZone());
  });
}

Result<PreparedCommand> CommandHandler::PrepareBackupCreate(const json& args) {
  if (Status status = CheckArgNames(args, "backup.create", {}); !status.ok()) return status;
  return Mutating([this](const PeerCredentials&) -> Result<json> {
    if (archive_.backups == nullptr) return BackupsNotRunning();
    Result<BackupInfo> started = archive_.backups->Start(clock_());
    if (!started.ok()) return started.status();
    return InfoJson(*started);
  });
}

Result<PreparedCommand> CommandHandler::PrepareBackupRead(const json& args) {
  Result<ReadArgs> parsed = ParseReadArgs(args);
  if (!parsed.ok()) return parsed.status();
  return Mutating([this, read = *parsed](const PeerCredentials&) -> Result<json> {
    if (archive_.backups == nullptr) return BackupsNotRunning();
    Result<BackupChunk> chunk = archive_.backups->Read(read.id, read.offset, read.length);
    if (!chunk.ok()) return chunk.status();
    json reply = InfoJson(chunk->info);
    reply["offset"] = chunk->offset;
    reply["length"] = chunk->data.size();
    reply["data"] = Base64Encode(chunk->data);
    reply["eof"] = chunk->eof;
    return reply;
  });
}

}  // namespace duban
