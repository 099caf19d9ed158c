#include <doctest/doctest.h>

#include <string>

#include "inspectrack/error.hpp"
#include "inspectrack/text/message.hpp"

using inspectrack::InputError;
using inspectrack::text::Day;
using inspectrack::text::Lang;
using inspectrack::text::Message;
using inspectrack::text::translate;

TEST_CASE("a message is its English id with the arguments put in") {
  const Message m("cannot read '{0}': {1}", "a.yaml", "no such file");
  CHECK(m.id() == "cannot read '{0}': {1}");
  CHECK(m.english() == "cannot read 'a.yaml': no such file");
  CHECK(translate(Lang::en, m) == "cannot read 'a.yaml': no such file");
  CHECK(Message("value longer than {0} bytes, the limit for one value; shorten it", 4).english() ==
        "value longer than 4 bytes, the limit for one value; shorten it");
  CHECK(Message("an escape in this value makes byte 0x{0:02X}, which is not UTF-8; write the character "
                "itself instead of the escape",
                static_cast<unsigned char>(0x85))
            .english()
            .starts_with("an escape in this value makes byte 0x85,"));
}

TEST_CASE("in Vietnamese the catalog's wording is used, with the same arguments") {
  const Message m("cannot read '{0}': {1}", "a.yaml", "x");
  CHECK(translate(Lang::vi, m) == "không đọc được 'a.yaml': x");
}

TEST_CASE("a nested message is translated with the one holding it") {
  const Message m("cannot read '{0}': {1}", "a.yaml", Message("no such file"));
  CHECK(translate(Lang::en, m) == "cannot read 'a.yaml': no such file");
  CHECK(translate(Lang::vi, m) == "không đọc được 'a.yaml': không có tệp này");
}

TEST_CASE("a day is written as each language writes dates") {
  const Message m("done on {0} is before the inspection began ({1})", Day{2021, 6, 1}, Day{2021, 6, 15});
  CHECK(translate(Lang::en, m) == "done on 2021-06-01 is before the inspection began (2021-06-15)");
  CHECK(translate(Lang::vi, m) == "ngày hoàn thành 01/06/2021 trước ngày bắt đầu đợt kiểm tra (15/06/2021)");
}

TEST_CASE("a context tells apart one English word read two ways") {
  CHECK(translate(Lang::vi, Message("list")) == "một danh sách");
  CHECK(translate(Lang::vi, Message::with_context("YAML node", "list")) == "danh sách");
  CHECK(Message::with_context("YAML node", "list").english() == "list");
  CHECK_FALSE(Message::with_context("YAML node", "list") == Message("list"));
}

TEST_CASE("an id the catalog lacks is shown in English") {
  CHECK(translate(Lang::vi, Message("no such message {0}", 7)) == "no such message 7");
}

TEST_CASE("verbatim text is shown as is, braces and all") {
  const Message m = Message::verbatim("SQLite says {oops}");
  CHECK(m.is_verbatim());
  CHECK(translate(Lang::vi, m) == "SQLite says {oops}");
  CHECK(Message().english().empty());
}

TEST_CASE("messages are equal when their ids and arguments are") {
  CHECK(Message("'{0}' {1}", "a", Message("list")) == Message("'{0}' {1}", "a", Message("list")));
  CHECK_FALSE(Message("'{0}' {1}", "a", Message("list")) == Message("'{0}' {1}", "b", Message("list")));
  CHECK_FALSE(Message("'{0}' {1}", "a", Message("list")) ==
              Message("'{0}' {1}", "a", Message::with_context("YAML node", "list")));
  CHECK_FALSE(Message("{0}: {1}", 1, 2) == Message("{0}: {1}", 1, "2"));
}

TEST_CASE("an error's what() is English, its message is translated where it is shown") {
  const InputError e(Message("cannot read '{0}': {1}", "a.yaml", Message("no such file")));
  CHECK(std::string(e.what()) == "cannot read 'a.yaml': no such file");
  CHECK(translate(Lang::vi, e.message()) == "không đọc được 'a.yaml': không có tệp này");
  const InputError old_style(std::string("đã dịch sẵn"));
  CHECK(translate(Lang::en, old_style.message()) == "đã dịch sẵn");
}
