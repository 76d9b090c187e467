// daemon/protocol.h: request parsing in the fixed check order, and reply round trips.
#include "daemon/protocol.h"

#include <catch2/catch.hpp>

namespace duban::protocol {
namespace {

ParseError Error(std::string_view line) {
  auto parsed = ParseRequest(line);
  REQUIRE(std::holds_alternative<ParseError>(parsed));
  return std::get<ParseError>(parsed);
}

TEST_CASE("ParseRequest: a good request", "[protocol]") {
  auto parsed = ParseRequest(R"({"v":1,"id":7,"cmd":"tasks.list","args":{"agency":"省发改委"}})");
  REQUIRE(std::holds_alternative<Request>(parsed));
  const Request& request = std::get<Request>(parsed);
  CHECK(request.id == 7);
  CHECK(request.cmd == "tasks.list");
  CHECK(request.args["agency"] == "省发改委");
}

TEST_CASE("ParseRequest: args may be absent", "[protocol]") {
  auto parsed = ParseRequest(R"({"v":1,"id":1,"cmd":"status"})");
  REQUIRE(std::holds_alternative<Request>(parsed));
  CHECK(std::get<Request>(parsed).args.is_object());
}

TEST_CASE("ParseRequest: each failure has its code, in order", "[protocol]") {
  CHECK(Error("").code == "bad_request");
  CHECK(Error("{").code == "bad_request");
  CHECK(Error("\"status\"").code == "bad_request");
  CHECK(Error(R"({"v":1,"id":1.5,"cmd":"status"})").code == "bad_request");
  CHECK(Error(R"({"id":1,"cmd":"status"})").code == "bad_request");
  CHECK(Error(R"({"v":"1","id":1,"cmd":"status"})").code == "bad_request");
  CHECK(Error(R"({"v":2,"id":1,"cmd":"status"})").code == "unsupported_version");
  CHECK(Error(R"({"v":1,"id":1})").code == "bad_request");
  CHECK(Error(R"({"v":1,"id":1,"cmd":"shutdown"})").code == "unknown_command");
  CHECK(Error(R"({"v":1,"id":1,"cmd":"status","args":[]})").code == "invalid_argument");
}

TEST_CASE("ParseRequest: the id is kept once read", "[protocol]") {
  CHECK(Error(R"({"v":2,"id":9,"cmd":"status"})").id == 9);
  CHECK(Error(R"({"v":1,"id":9,"cmd":"nope"})").id == 9);
  CHECK(Error("nope").id == 0);
}

TEST_CASE("Replies: one line each, parsed back", "[protocol]") {
  std::string ok = MakeOkReply(3, {{"text", "第一行\n第二行"}});
  CHECK(ok.find('\n') == std::string::npos);
  Result<Reply> reply = ParseReply(ok);
  REQUIRE(reply.ok());
  CHECK(reply->ok);
  CHECK(reply->id == 3);
  CHECK(reply->result["text"] == "第一行\n第二行");

  Result<Reply> error = ParseReply(MakeErrorReply(4, Status::NotFound("no task 48")));
  REQUIRE(error.ok());
  CHECK_FALSE(error->ok);
  CHECK(error->error_code == "not_found");
  CHECK(error->error_message == "no task 48");

  CHECK_FALSE(ParseReply("hello").ok());
}

TEST_CASE("SerializeRequest: parses back to the same request", "[protocol]") {
  Request request;
  request.id = 12;
  request.cmd = "task.get";
  request.args = {{"ref", "二.3"}};
  auto parsed = ParseRequest(SerializeRequest(request));
  REQUIRE(std::holds_alternative<Request>(parsed));
  CHECK(std::get<Request>(parsed).args == request.args);
  CHECK(std::get<Request>(parsed).id == 12);
}

}  // namespace
}  // namespace duban::protocol
