#include "notifiers/mail_folder_sink.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "tests/notifiers/email_test_util.h"

namespace duban {
namespace {

using email_test::ReadFile;
using email_test::SampleMessage;
using email_test::ScratchDir;
namespace fs = std::filesystem;

const EmailAddress kFrom{"督办系统", "duban@example.gov.cn"};

std::vector<std::string> Entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST_CASE("MailFolderSink::FileNameFor: time, id and key hash", "[mail_folder_sink]") {
  Message message = SampleMessage(42);
  message.key = "abc";  // SHA-256 starts ba7816bf8f01
  message.created_at = 1735689599;
  CHECK(MailFolderSink::FileNameFor(message) == "20241231T235959Z-42-ba7816bf8f01.eml");
  message.created_at = 0;
  CHECK(MailFolderSink::FileNameFor(message) == "19700101T000000Z-42-ba7816bf8f01.eml");
}

TEST_CASE("MailFolderSink: one .eml per message, the bytes BuildEmail makes",
          "[mail_folder_sink][python]") {
  ScratchDir scratch;
  const fs::path dir = scratch / "state" / "mail";  // neither exists yet
  MailFolderSink sink(dir, kFrom, EmailOptions{});
  std::vector<Message> batch = {SampleMessage(1), SampleMessage(2)};
  batch[1].recipient_name = "省科技厅";
  batch[1].target = "kjt@example.gov.cn";

  std::vector<DeliveryOutcome> outcomes = sink.Send(batch, 0);
  REQUIRE(outcomes.size() == 2);
  for (size_t i = 0; i < batch.size(); ++i) {
    INFO(outcomes[i].error);
    const fs::path file = dir / MailFolderSink::FileNameFor(batch[i]);
    CHECK(outcomes[i].kind == OutcomeKind::kSent);
    CHECK(outcomes[i].response == "written " + file.string());
    CHECK(ReadFile(file) == *BuildEmail(batch[i], kFrom));
  }
  CHECK(Entries(dir).size() == 2);  // no temporaries left behind

  struct stat st {};
  REQUIRE(::stat(dir.c_str(), &st) == 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  CHECK((st.st_mode & 0777) == (0750 & ~mask));
  REQUIRE(::stat((dir / MailFolderSink::FileNameFor(batch[0])).c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == (0640 & ~mask));

  nlohmann::json decoded = email_test::DecodeEmailFile(dir / MailFolderSink::FileNameFor(batch[1]));
  CHECK(decoded["to_name"] == "省科技厅");
  CHECK(decoded["to_addr"] == "kjt@example.gov.cn");
  CHECK(decoded["subject"] == batch[1].subject);
  CHECK(decoded["defects"].empty());
}

TEST_CASE("MailFolderSink: a resend overwrites the same file", "[mail_folder_sink]") {
  ScratchDir scratch;
  MailFolderSink sink(scratch.path(), kFrom, EmailOptions{});
  Message message = SampleMessage(7);
  REQUIRE(sink.Send({message}, 0)[0].kind == OutcomeKind::kSent);
  const fs::path file = scratch / MailFolderSink::FileNameFor(message);
  const std::string first = ReadFile(file);
  email_test::WriteFile(file, "damaged by hand");

  message.attempts = 2;  // a resend after a crash: same message, later attempt
  REQUIRE(sink.Send({message}, 999999)[0].kind == OutcomeKind::kSent);
  CHECK(Entries(scratch.path()) == std::vector<std::string>{file.filename().string()});
  CHECK(ReadFile(file) == first);
}

TEST_CASE("MailFolderSink: I/O errors are retryable and name the path", "[mail_folder_sink]") {
  ScratchDir scratch;
  email_test::WriteFile(scratch / "plain-file", "x");

  SECTION("the folder is a file") {
    MailFolderSink sink(scratch / "plain-file", kFrom, EmailOptions{});
    std::vector<DeliveryOutcome> outcomes = sink.Send({SampleMessage(1), SampleMessage(2)}, 0);
    REQUIRE(outcomes.size() == 2);
    for (const DeliveryOutcome& outcome : outcomes) {
      CHECK(outcome.kind == OutcomeKind::kRetryable);
      CHECK_THAT(outcome.error, Catch::Contains((scratch / "plain-file").string()) &&
                                    Catch::Contains("Not a directory"));
    }
  }
  SECTION("a parent is a file") {
    MailFolderSink sink(scratch / "plain-file" / "mail", kFrom, EmailOptions{});
    DeliveryOutcome outcome = sink.Send({SampleMessage(1)}, 0).at(0);
    CHECK(outcome.kind == OutcomeKind::kRetryable);
    CHECK_THAT(outcome.error, Catch::Contains("cannot create") &&
                                  Catch::Contains((scratch / "plain-file").string()));
  }
  SECTION("the file's name is taken by a folder") {
    MailFolderSink sink(scratch.path(), kFrom, EmailOptions{});
    Message message = SampleMessage(3);
    const fs::path taken = scratch / MailFolderSink::FileNameFor(message);
    fs::create_directory(taken);
    email_test::WriteFile(taken / "keep", "x");
    DeliveryOutcome outcome = sink.Send({message}, 0).at(0);
    CHECK(outcome.kind == OutcomeKind::kRetryable);
    CHECK_THAT(outcome.error, Catch::Contains(taken.string()));
    CHECK(Entries(scratch.path()) ==
          std::vector<std::string>{taken.filename().string(), "plain-file"});
  }
}

TEST_CASE("MailFolderSink: a message that cannot be built is permanent, the rest written",
          "[mail_folder_sink]") {
  ScratchDir scratch;
  MailFolderSink sink(scratch.path(), kFrom, EmailOptions{});
  std::vector<Message> batch = {SampleMessage(1), SampleMessage(2), SampleMessage(3)};
  batch[1].target = "no address";
  std::vector<DeliveryOutcome> outcomes = sink.Send(batch, 0);
  REQUIRE(outcomes.size() == 3);
  CHECK(outcomes[0].kind == OutcomeKind::kSent);
  CHECK(outcomes[1].kind == OutcomeKind::kPermanent);
  CHECK_THAT(outcomes[1].error, Catch::Contains("email target"));
  CHECK(outcomes[2].kind == OutcomeKind::kSent);
  CHECK(Entries(scratch.path()).size() == 2);
}

TEST_CASE("MailFolderSink::Create: from the [mail] section", "[mail_folder_sink]") {
  MailConfig config;
  config.dir = "/tmp/unused";
  config.html = false;
  Result<std::unique_ptr<MailFolderSink>> sink = MailFolderSink::Create(config);
  REQUIRE(sink.ok());
  CHECK((*sink)->dir() == "/tmp/unused");

  config.from = "督办 <not an address>";
  Result<std::unique_ptr<MailFolderSink>> bad = MailFolderSink::Create(config);
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.status().message(), Catch::StartsWith("[mail] from: "));
  config.from = "duban@localhost";
  config.dir.clear();
  CHECK_FALSE(MailFolderSink::Create(config).ok());
}

}  // namespace
}  // namespace duban
