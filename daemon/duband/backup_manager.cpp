#include "daemon/duband/backup_manager.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include <spdlog/spdlog.h>

#include "daemon/archive_codec.h"
#include "daemon/duband/directories.h"
#include "workflow/sqlite_backup.h"

namespace duban {
namespace {

constexpr mode_t kBackupDirectoryMode = 0700;  // copies hold contact addresses
constexpr std::string_view kCopyPrefix = "backup-";
constexpr std::string_view kCopySuffix = ".db";

bool IsCopyName(const std::string& name) {
  return name.size() > kCopyPrefix.size() + kCopySuffix.size() &&
         name.starts_with(kCopyPrefix) && name.ends_with(kCopySuffix);
}

Result<std::string> ReadRange(const std::filesystem::path& path, int64_t offset, int64_t length) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError("cannot read " + path.string() + ": " + std::strerror(errno));
  std::string data(static_cast<std::size_t>(length), '\0');
  std::size_t got = 0;
  while (got < data.size()) {
    ssize_t n = ::pread(fd, data.data() + got, data.size() - got, static_cast<off_t>(offset) +
                                                                  static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      ::close(fd);
      return Status::IOError("cannot read " + path.string() + ": " + std::strerror(error));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  data.resize(got);
  return data;
}

}  // namespace

struct BackupManager::Job {
  int64_t id = 0;
  int64_t created_at = 0;
  std::filesystem::path path;
  std::atomic<int64_t> pages_done{0};
  std::atomic<int64_t> pages_total{0};
  std::atomic<bool> cancel{false};
  std::atomic<bool> done{false};
  bool delivered = false;  // io thread: the last chunk was read and the copy deleted
  // Written by the worker before it sets `done` (release); read by the io thread after
  // seeing `done` (acquire).
  Status status;
  int64_t size = 0;
  std::string sha256;
  std::thread worker;
};

void BackupManager::MakeCopy(Job* job, const std::string& store_path, int pages_per_step) {
  BackupOptions options;
  options.pages_per_step = pages_per_step;
  options.cancel = &job->cancel;
  options.progress = [job](const BackupProgress& progress) {
    job->pages_total.store(progress.pages_total);
    job->pages_done.store(progress.pages_done);
  };
  const std::string path = job->path.string();
  Status status = CopyStoreFile(store_path, path, options);
  if (status.ok()) {
    Result<StoreFileCheck> check = CheckStoreFile(path);
    if (check.ok()) {
      job->size = check->size_bytes;
    } else {
      status = check.status();
    }
  }
  if (status.ok()) {
    Result<std::string> hash = Sha256OfFile(path);
    if (hash.ok()) {
      job->sha256 = *hash;
    } else {
      status = hash.status();
    }
  }
  if (status.ok()) {
    spdlog::info("backup {} ready: {} ({} bytes, sha256 {})", job->id, path, job->size,
                 job->sha256);
  } else {
    std::error_code ignored;
    std::filesystem::remove(job->path, ignored);
    spdlog::error("backup {} failed: {}", job->id, status.message());
  }
  job->status = std::move(status);
  job->done.store(true, std::memory_order_release);
}

BackupManager::BackupManager(std::filesystem::path dir, std::string store_path,
                             int pages_per_step)
    : dir_(std::move(dir)), store_path_(std::move(store_path)), pages_per_step_(pages_per_step) {}

BackupManager::~BackupManager() { DropCurrent(); }

Status BackupManager::Prepare() {
  std::error_code error;
  if (!std::filesystem::is_directory(dir_, error)) return Status::OK();
  for (const auto& entry : std::filesystem::directory_iterator(dir_, error)) {
    if (!IsCopyName(entry.path().filename().string())) continue;
    std::filesystem::remove(entry.path(), error);
    if (error) {
      return Status::IOError("cannot remove the old backup " + entry.path().string() + ": " +
                             error.message());
    }
    spdlog::info("removed the backup {} left by an earlier run", entry.path().string());
  }
  if (error) return Status::IOError("cannot list " + dir_.string() + ": " + error.message());
  return Status::OK();
}

Result<BackupInfo> BackupManager::Start(int64_t now) {
  if (current_ != nullptr && !current_->done.load(std::memory_order_acquire)) {
    return Status::Conflict("backup " + std::to_string(current_->id) +
                            " is still being made (" + std::to_string(current_->pages_done) +
                            " of " + std::to_string(current_->pages_total) +
                            " pages); wait for it");
  }
  DropCurrent();
  if (Status made = EnsureDirectory(dir_, kBackupDirectoryMode); !made.ok()) return made;
  auto job = std::make_unique<Job>();
  job->id = next_id_++;
  job->created_at = now;
  job->path = CopyPath(job->id);
  BackupInfo info = InfoOf(*job);  // before the worker runs: always "running"
  // Logged before the worker starts: the worker logs too, and spdlog's registry (built on
  // first use, in a library ThreadSanitizer cannot see into) must be built before the
  // thread is created, not raced for (found by TSan in daemon_tests).
  spdlog::info("backup {} started: {} to {}", job->id, store_path_, job->path.string());
  job->worker = std::thread(MakeCopy, job.get(), store_path_, pages_per_step_);
  current_ = std::move(job);
  return info;
}

Result<BackupChunk> BackupManager::Read(int64_t id, int64_t offset, int64_t length) {
  if (current_ == nullptr || current_->id != id) {
    return Status::NotFound("no backup " + std::to_string(id) +
                            " (duband keeps only the latest; start one with backup.create)");
  }
  Job& job = *current_;
  BackupChunk chunk;
  chunk.info = InfoOf(job);
  chunk.offset = offset;
  if (chunk.info.state == "running") return chunk;
  if (!job.status.ok()) return job.status;
  if (job.delivered) {
    return Status::NotFound("backup " + std::to_string(id) +
                            " was deleted after its last chunk was read");
  }
  if (offset > job.size) {
    return Status::InvalidArgument("args.offset " + std::to_string(offset) +
                                   " is past the end of backup " + std::to_string(id) + " (" +
                                   std::to_string(job.size) + " bytes)");
  }
  const int64_t wanted = std::min({length, kMaxChunkBytes, job.size - offset});
  Result<std::string> data = ReadRange(job.path, offset, wanted);
  if (!data.ok()) return data.status();
  if (static_cast<int64_t>(data->size()) != wanted) {
    return Status::IOError(job.path.string() + " is shorter than its recorded " +
                           std::to_string(job.size) + " bytes");
  }
  chunk.data = std::move(data).value();
  chunk.eof = offset + wanted == job.size;
  if (chunk.eof) {
    std::error_code ignored;
    std::filesystem::remove(job.path, ignored);
    job.delivered = true;
    spdlog::info("backup {} handed out in full; copy deleted", id);
  }
  return chunk;
}

void BackupManager::DropCurrent() {
  if (current_ == nullptr) return;
  current_->cancel.store(true);
  if (current_->worker.joinable()) current_->worker.join();
  std::error_code ignored;
  std::filesystem::remove(current_->path, ignored);
  current_.reset();
}

BackupInfo BackupManager::InfoOf(const Job& job) const {
  BackupInfo info;
  info.id = job.id;
  info.created_at = job.created_at;
  info.pages_done = job.pages_done.load();
  info.pages_total = job.pages_total.load();
  if (!job.done.load(std::memory_order_acquire)) {
    info.state = "running";
  } else if (job.status.ok()) {
    info.state = "ready";
    info.size = job.size;
    info.sha256 = job.sha256;
  } else {
    info.state = "failed";
  }
  return info;
}

std::filesystem::path BackupManager::CopyPath(int64_t id) const {
  return dir_ / (std::string(kCopyPrefix) + std::to_string(id) + std::string(kCopySuffix));
}

}  // namespace duban
