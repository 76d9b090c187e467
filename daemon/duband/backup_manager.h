// BackupManager: the store copies duband makes for `dubanctl backup` (docs/BACKUP.md).
//
// duband runs as its own user in a restricted file system, so it cannot write the
// caller's file: it copies the store into <state_dir>/backups/backup-<id>.db (0600, in a
// 0700 directory), checks the copy, and hands it out in chunks; dubanctl writes the file.
//
// Each copy runs on a worker thread of its own with connections of its own
// (CopyStoreFile: one read snapshot, SQLite's online backup in steps of a few hundred
// pages), then the copy is checked (CheckStoreFile: integrity_check, schema version) and
// hashed (SHA-256). The io thread never waits for any of it: Start returns at once and
// Read answers "running" until the worker is done. In WAL mode the daemon's writes go on
// meanwhile; they are not in the copy, which is the state when the copy started.
//
// Disk use is bounded: one copy at a time. A copy is deleted once its last chunk has been
// read, when the next backup starts, when the daemon stops, and (leftovers of a crash) at
// the daemon's start (Prepare).
//
// Thread-safety: Start, Read, Prepare and the destructor on the io thread only; the
// worker thread touches only its Job's atomics and, before setting `done`, its results.
#ifndef DUBAN_DAEMON_DUBAND_BACKUP_MANAGER_H_
#define DUBAN_DAEMON_DUBAND_BACKUP_MANAGER_H_

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "workflow/status.h"

namespace duban {

// What is known of one backup. state: "running" (pages_done of pages_total copied),
// "ready" (size and sha256 set), or "failed" (error says why).
struct BackupInfo {
  int64_t id = 0;
  std::string state;
  int64_t pages_done = 0;
  int64_t pages_total = 0;
  int64_t size = 0;
  std::string sha256;
  int64_t created_at = 0;
};

// A piece of a ready backup: `data` holds the bytes from `offset` on; `eof` when it
// reaches the end (the copy is then deleted).
struct BackupChunk {
  BackupInfo info;
  int64_t offset = 0;
  std::string data;
  bool eof = false;
};

class BackupManager {
 public:
  // Largest chunk Read hands out: 1 MiB is 1.4 MB of base64 in one reply line.
  static constexpr int64_t kMaxChunkBytes = 1 << 20;

  // `dir` holds the copies; `store_path` is the live store file.
  BackupManager(std::filesystem::path dir, std::string store_path, int pages_per_step = 256);
  // Cancels a running copy, waits for its thread and deletes the copy.
  ~BackupManager();
  BackupManager(const BackupManager&) = delete;
  BackupManager& operator=(const BackupManager&) = delete;

  // Deletes copies left in `dir` by an earlier run (backup-*.db); kIOError if it cannot.
  Status Prepare();

  // Starts a new backup and returns its id, state "running". The previous copy, if any,
  // is deleted first. kConflict while a copy is still being made; kIOError if the
  // directory cannot be made.
  Result<BackupInfo> Start(int64_t now);

  // Up to `length` bytes (1..kMaxChunkBytes) of backup `id` from `offset`. A running
  // backup: the chunk carries only info (state "running"). A failed one: its error
  // (kCorruption when the copy did not pass its check). kNotFound for an id that is not
  // the latest backup or whose copy was already handed out to the end; kInvalidArgument
  // for an offset past the end.
  Result<BackupChunk> Read(int64_t id, int64_t offset, int64_t length);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  struct Job;

  // The worker thread's whole work on `job`: copy, check, hash. Touches nothing else.
  static void MakeCopy(Job* job, const std::string& store_path, int pages_per_step);
  // Waits for the current job's thread and deletes its copy.
  void DropCurrent();
  BackupInfo InfoOf(const Job& job) const;
  std::filesystem::path CopyPath(int64_t id) const;

  // Constant after construction.
  const std::filesystem::path dir_;
  const std::string store_path_;
  const int pages_per_step_;

  // Mutable state (io thread).
  int64_t next_id_ = 1;
  std::unique_ptr<Job> current_;
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_BACKUP_MANAGER_H_
