#include <doctest/doctest.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inspectrack/notify/message.hpp"
#include "inspectrack/text/utf8.hpp"

using inspectrack::notify::encode_header_text;
using inspectrack::notify::format_mailbox;
using inspectrack::notify::has_control_characters;
using inspectrack::notify::Mailbox;
using inspectrack::notify::mbox_entry;
using inspectrack::notify::Message;
using inspectrack::notify::render_message;
using inspectrack::text::find_invalid_utf8;

namespace {

const std::string kSubject =
    "[Nh\u1EAFc vi\u1EC7c] UBND x\u00E3 B\u00E0u C\u1EA1n: 2 nhi\u1EC7m v\u1EE5 qu\u00E1 "
    "h\u1EA1n, 1 s\u1EAFp \u0111\u1EBFn h\u1EA1n";
const std::string kPrefix = "=?UTF-8?B?";
const std::string kSuffix = "?=";

// A strict decoder, independent of the one under test: any stray character fails.
std::string base64_decode(std::string_view in) {
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  REQUIRE(in.size() % 4 == 0);
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 4) {
    unsigned n = 0;
    int pad = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = in[i + k];
      n <<= 6;
      if (c == '=') {
        REQUIRE(i + 4 == in.size());
        REQUIRE(k >= 2);
        ++pad;
        continue;
      }
      REQUIRE(pad == 0);
      const std::size_t v = alphabet.find(c);
      REQUIRE(v != std::string::npos);
      n |= static_cast<unsigned>(v);
    }
    out += static_cast<char>((n >> 16) & 0xFF);
    if (pad < 2) out += static_cast<char>((n >> 8) & 0xFF);
    if (pad < 1) out += static_cast<char>(n & 0xFF);
  }
  return out;
}

std::vector<std::string> split(std::string_view s, std::string_view sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(sep, start);
    if (end == std::string_view::npos) {
      parts.emplace_back(s.substr(start));
      return parts;
    }
    parts.emplace_back(s.substr(start, end - start));
    start = end + sep.size();
  }
}

bool is_encoded_word(std::string_view w) {
  return w.size() > kPrefix.size() + kSuffix.size() && w.starts_with(kPrefix) &&
         w.ends_with(kSuffix);
}

std::string word_payload(std::string_view w) {
  REQUIRE(is_encoded_word(w));
  return base64_decode(w.substr(kPrefix.size(), w.size() - kPrefix.size() - kSuffix.size()));
}

// Unfolded value with RFC 2047 words decoded; whitespace between two adjacent encoded
// words is dropped, as RFC 2047 §6.2 says.
std::string decode_header_value(std::string_view folded) {
  std::string unfolded;
  for (const std::string& part : split(folded, "\r\n")) unfolded += part;
  std::string out;
  bool previous_encoded = false;
  std::string pending_space;
  for (const std::string& token : split(unfolded, " ")) {
    if (is_encoded_word(token)) {
      if (!previous_encoded) out += pending_space;
      out += word_payload(token);
      previous_encoded = true;
    } else {
      out += pending_space;
      out += token;
      previous_encoded = false;
    }
    pending_space = " ";
  }
  return out;
}

// The header section as (name, folded value) pairs, and the body.
struct Parsed {
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

Parsed parse(const std::string& message) {
  const std::size_t blank = message.find("\r\n\r\n");
  REQUIRE(blank != std::string::npos);
  Parsed p;
  p.body = message.substr(blank + 4);
  for (const std::string& line : split(message.substr(0, blank), "\r\n")) {
    REQUIRE_FALSE(line.empty());
    if (line.front() == ' ') {
      REQUIRE_FALSE(p.headers.empty());
      p.headers.back().second += "\r\n" + line;
      continue;
    }
    const std::size_t colon = line.find(':');
    REQUIRE(colon != std::string::npos);
    std::string value = line.substr(colon + 1);
    if (value.starts_with(" ")) value.erase(0, 1);
    p.headers.emplace_back(line.substr(0, colon), value);
  }
  return p;
}

std::string header(const Parsed& p, std::string_view name) {
  for (const auto& [n, v] : p.headers) {
    if (n == name) return v;
  }
  FAIL("no header " << name);
  return {};
}

// Every line ends in CRLF, with no lone CR or LF anywhere.
void check_crlf_only(const std::string& s) {
  REQUIRE(s.ends_with("\r\n"));
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n') CHECK((i > 0 && s[i - 1] == '\r'));
    if (s[i] == '\r') CHECK((i + 1 < s.size() && s[i + 1] == '\n'));
  }
}

std::size_t longest_line(const std::string& s) {
  std::size_t longest = 0;
  for (const std::string& line : split(s, "\r\n")) longest = std::max(longest, line.size());
  return longest;
}

Message sample() {
  Message m;
  m.from = {"Thanh tra huy\u1EC7n Ch\u01B0 Pr\u00F4ng", "thanhtra@chuprong.gialai.gov.vn"};
  m.to = {{"UBND x\u00E3 B\u00E0u C\u1EA1n", "ubnd@baucan.chuprong.gov.vn"}};
  m.subject = kSubject;
  m.date = "Mon, 26 Jul 2021 07:00:00 +0700";
  m.message_id = "20210726070000.bau-can@chuprong.gov.vn";
  m.body = "K\u00EDnh g\u1EEDi UBND x\u00E3 B\u00E0u C\u1EA1n,\n\n1. N\u1ED9p b\u00E1o c\u00E1o\n";
  return m;
}

}  // namespace

TEST_CASE("has_control_characters finds anything that could break a header") {
  SUBCASE("clean text") {
    CHECK_FALSE(has_control_characters(""));
    CHECK_FALSE(has_control_characters("UBND x\u00E3 B\u00E0u C\u1EA1n <a@b.c>"));
    CHECK_FALSE(has_control_characters("~!@#$%^&*()_+ \"quoted\""));
  }
  SUBCASE("C0 controls, TAB included") {
    CHECK(has_control_characters("a\rb"));
    CHECK(has_control_characters("a\nb"));
    CHECK(has_control_characters("a\r\nBcc: x@y.z"));
    CHECK(has_control_characters("a\tb"));
    CHECK(has_control_characters(std::string("a\0b", 3)));
    CHECK(has_control_characters("\x1B[31m"));
    CHECK(has_control_characters("end\x7F"));
  }
  SUBCASE("C1 controls and Unicode line separators") {
    CHECK(has_control_characters("a\u0085b"));  // NEL
    CHECK(has_control_characters("a\u009Fb"));
    CHECK(has_control_characters("a\u2028b"));
    CHECK(has_control_characters("a\u2029b"));
    CHECK_FALSE(has_control_characters("a\u00A0b"));   // NBSP is text
    CHECK_FALSE(has_control_characters("a\u2027b"));   // neighbour of U+2028
  }
}

TEST_CASE("encode_header_text leaves plain ASCII alone") {
  CHECK(encode_header_text("") == "");
  CHECK(encode_header_text("Reminder: 2 tasks overdue") == "Reminder: 2 tasks overdue");
  CHECK(encode_header_text("[ABC] a, b; \"c\" (d)") == "[ABC] a, b; \"c\" (d)");
}

TEST_CASE("encode_header_text encodes text that could read as an encoded word") {
  const std::string out = encode_header_text("see =?UTF-8?B?eA==?= here");
  CHECK(is_encoded_word(out));
  CHECK(decode_header_value(out) == "see =?UTF-8?B?eA==?= here");
}

TEST_CASE("encode_header_text encodes Vietnamese into short, whole-character words") {
  const std::string out = encode_header_text(kSubject);
  CHECK(out.find('\n') == out.find("\r\n") + 1);  // first LF belongs to a CRLF
  const std::vector<std::string> words = split(out, "\r\n ");
  REQUIRE(words.size() >= 2);
  std::string joined;
  for (const std::string& w : words) {
    CAPTURE(w);
    CHECK(w.size() <= 75);
    CHECK(is_encoded_word(w));
    CHECK(w.find_first_of(" \r\n") == std::string::npos);
    const std::string bytes = word_payload(w);
    CHECK_FALSE(find_invalid_utf8(bytes).has_value());
    joined += bytes;
  }
  CHECK(joined == kSubject);
  CHECK(decode_header_value(out) == kSubject);

  SUBCASE("long text made only of 3-byte characters") {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "\u1EA1";
    std::string all;
    for (const std::string& w : split(encode_header_text(text), "\r\n ")) {
      CHECK(w.size() <= 75);
      const std::string bytes = word_payload(w);
      CHECK(bytes.size() % 3 == 0);
      all += bytes;
    }
    CHECK(all == text);
  }
  SUBCASE("4-byte characters") {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "\U0001F4E7";
    std::string all;
    for (const std::string& w : split(encode_header_text(text), "\r\n ")) {
      CHECK(w.size() <= 75);
      const std::string bytes = word_payload(w);
      CHECK_FALSE(find_invalid_utf8(bytes).has_value());
      all += bytes;
    }
    CHECK(all == text);
  }
  SUBCASE("padding of one and two bytes") {
    CHECK(encode_header_text("\u00E0") == "=?UTF-8?B?w6A=?=");
    CHECK(encode_header_text("a\u00E0") == "=?UTF-8?B?YcOg?=");
    CHECK(encode_header_text("\u00E0\u00E0") == "=?UTF-8?B?w6DDoA==?=");
  }
}

TEST_CASE("encode_header_text refuses header injection") {
  CHECK_THROWS_AS(encode_header_text("x\r\nBcc: a@b.c"), std::invalid_argument);
  CHECK_THROWS_AS(encode_header_text("x\nBcc: a@b.c"), std::invalid_argument);
  CHECK_THROWS_AS(encode_header_text("Nh\u1EAFc\rvi\u1EC7c"), std::invalid_argument);
  CHECK_THROWS_AS(encode_header_text("tab\there"), std::invalid_argument);
}

TEST_CASE("format_mailbox quotes or encodes display names as needed") {
  SUBCASE("no name") {
    CHECK(format_mailbox({"", "a@b.vn"}) == "a@b.vn");
  }
  SUBCASE("atoms go out bare") {
    CHECK(format_mailbox({"Nguyen Van A", "a@b.vn"}) == "Nguyen Van A <a@b.vn>");
  }
  SUBCASE("specials are quoted") {
    CHECK(format_mailbox({"A. B", "a@b.vn"}) == "\"A. B\" <a@b.vn>");
    CHECK(format_mailbox({"Tran, B", "a@b.vn"}) == "\"Tran, B\" <a@b.vn>");
    CHECK(format_mailbox({"say \"hi\" \\o/", "a@b.vn"}) ==
          "\"say \\\"hi\\\" \\\\o/\" <a@b.vn>");
    CHECK(format_mailbox({"two  spaces", "a@b.vn"}) == "\"two  spaces\" <a@b.vn>");
  }
  SUBCASE("non-ASCII is encoded, comma and all") {
    const std::string name = "Nguy\u1EC5n, V\u0103n A";
    const std::string out = format_mailbox({name, "a@b.vn"});
    REQUIRE(out.ends_with(" <a@b.vn>"));
    const std::string encoded = out.substr(0, out.size() - std::string(" <a@b.vn>").size());
    CHECK(encoded.find(',') == std::string::npos);
    CHECK(decode_header_value(encoded) == name);
  }
  SUBCASE("control characters are refused in name and address") {
    CHECK_THROWS_AS(format_mailbox({"A\r\nBcc: x@y.z", "a@b.vn"}), std::invalid_argument);
    CHECK_THROWS_AS(format_mailbox({"A", "a@b.vn\r\nBcc: x@y.z"}), std::invalid_argument);
  }
  SUBCASE("an address cannot smuggle in another mailbox") {
    CHECK_THROWS_AS(format_mailbox({"A", "a@b.vn>, evil@x.y"}), std::invalid_argument);
    CHECK_THROWS_AS(format_mailbox({"", "a@b.vn, evil@x.y"}), std::invalid_argument);
    CHECK_THROWS_AS(format_mailbox({"", "no-at-sign"}), std::invalid_argument);
    CHECK_THROWS_AS(format_mailbox({"", ""}), std::invalid_argument);
    CHECK_THROWS_AS(format_mailbox({"", "b\u00E0u@c\u1EA1n.vn"}), std::invalid_argument);
  }
}

TEST_CASE("render_message writes the headers in order with CRLF everywhere") {
  Message m = sample();
  m.cc = {{"", "thanhtra@gialai.gov.vn"}};
  const std::string out = render_message(m);
  check_crlf_only(out);
  CHECK(longest_line(out) <= 78);

  const Parsed p = parse(out);
  std::vector<std::string> names;
  for (const auto& h : p.headers) names.push_back(h.first);
  CHECK(names == std::vector<std::string>{"From", "To", "Cc", "Subject", "Date", "Message-ID",
                                          "MIME-Version", "Content-Type",
                                          "Content-Transfer-Encoding"});
  CHECK(decode_header_value(header(p, "Subject")) == kSubject);
  CHECK(decode_header_value(header(p, "From")) ==
        "Thanh tra huy\u1EC7n Ch\u01B0 Pr\u00F4ng <thanhtra@chuprong.gialai.gov.vn>");
  CHECK(decode_header_value(header(p, "To")) ==
        "UBND x\u00E3 B\u00E0u C\u1EA1n <ubnd@baucan.chuprong.gov.vn>");
  CHECK(header(p, "Cc") == "thanhtra@gialai.gov.vn");
  CHECK(header(p, "Date") == "Mon, 26 Jul 2021 07:00:00 +0700");
  CHECK(header(p, "Message-ID") == "<20210726070000.bau-can@chuprong.gov.vn>");
  CHECK(header(p, "MIME-Version") == "1.0");
  CHECK(header(p, "Content-Type") == "text/plain; charset=UTF-8");
  CHECK(header(p, "Content-Transfer-Encoding") == "8bit");
  CHECK(p.body ==
        "K\u00EDnh g\u1EEDi UBND x\u00E3 B\u00E0u C\u1EA1n,\r\n\r\n1. N\u1ED9p b\u00E1o c\u00E1o\r\n");

  SUBCASE("no Cc header without copies") {
    const Parsed q = parse(render_message(sample()));
    for (const auto& h : q.headers) CHECK(h.first != "Cc");
    CHECK(q.headers.size() == 8);
  }
}

TEST_CASE("render_message folds long headers between mailboxes and words") {
  Message m = sample();
  m.to.clear();
  std::string expected;
  for (int i = 0; i < 25; ++i) {
    const std::string n = std::to_string(i);
    m.to.push_back({"UBND x\u00E3 s\u1ED1 " + n, "ubnd" + n + "@chuprong.gialai.gov.vn"});
    m.to.push_back({"", "vanthu" + n + "@chuprong.gialai.gov.vn"});
    m.to.push_back({"Van thu " + n, "vt" + n + "@example.vn"});
    if (i > 0) expected += ", ";
    expected += "UBND x\u00E3 s\u1ED1 " + n + " <ubnd" + n + "@chuprong.gialai.gov.vn>, vanthu" +
                n + "@chuprong.gialai.gov.vn, Van thu " + n + " <vt" + n + "@example.vn>";
  }
  m.subject = "Reminder: " + std::string(30, 'x') + " " + std::string(40, 'y') + " " +
              std::string(50, 'z') + " end";
  const std::string out = render_message(m);
  check_crlf_only(out);
  CHECK(longest_line(out) <= 78);
  const Parsed p = parse(out);
  const std::string to = header(p, "To");
  CHECK(split(to, "\r\n").size() > 25);
  for (const std::string& line : split(to, "\r\n")) {
    CHECK(line.find_first_not_of(' ') != std::string::npos);  // no blank continuation
  }
  CHECK(decode_header_value(to) == expected);
  // Plain ASCII folds at its own spaces and unfolds to exactly the original.
  const std::string subject = header(p, "Subject");
  CHECK(subject.find("=?") == std::string::npos);
  CHECK(split(subject, "\r\n").size() >= 2);
  std::string unfolded;
  for (const std::string& part : split(subject, "\r\n")) unfolded += part;
  CHECK(unfolded == m.subject);

  SUBCASE("an ASCII word too long for a line is encoded instead") {
    m.subject = "Reminder " + std::string(90, 'w');
    const std::string long_out = render_message(m);
    CHECK(longest_line(long_out) <= 78);
    CHECK(decode_header_value(header(parse(long_out), "Subject")) == m.subject);
  }
  SUBCASE("a long quoted name is encoded so that it can fold") {
    m.to = {{std::string(70, 'q') + ". " + std::string(20, 'r'), "a@b.vn"}};
    const std::string long_out = render_message(m);
    CHECK(longest_line(long_out) <= 78);
    CHECK(decode_header_value(header(parse(long_out), "To")) == m.to[0].name + " <a@b.vn>");
  }
}

TEST_CASE("render_message leaves the body text as it is, line ends aside") {
  Message m = sample();
  SUBCASE("lone dot and From lines are untouched") {
    m.body = "first\n.\nFrom here on\n>From there\nlast";
    CHECK(parse(render_message(m)).body == "first\r\n.\r\nFrom here on\r\n>From there\r\nlast\r\n");
  }
  SUBCASE("CRLF and lone CR become CRLF") {
    m.body = "a\r\nb\rc\n";
    CHECK(parse(render_message(m)).body == "a\r\nb\r\nc\r\n");
  }
  SUBCASE("blank lines are kept") {
    m.body = "a\n\n\nb\n";
    CHECK(parse(render_message(m)).body == "a\r\n\r\n\r\nb\r\n");
  }
  SUBCASE("empty body") {
    m.body = "";
    const std::string out = render_message(m);
    CHECK(out.ends_with("Content-Transfer-Encoding: 8bit\r\n\r\n"));
  }
}

TEST_CASE("render_message refuses bad header values") {
  Message m = sample();
  SUBCASE("no recipient") {
    m.to.clear();
    CHECK_THROWS_AS(render_message(m), std::invalid_argument);
  }
  SUBCASE("subject injection") {
    m.subject = "x\r\nBcc: a@b.c";
    CHECK_THROWS_AS(render_message(m), std::invalid_argument);
  }
  SUBCASE("name injection") {
    m.to[0].name = "UBND\nBcc: a@b.c";
    CHECK_THROWS_AS(render_message(m), std::invalid_argument);
  }
  SUBCASE("from address injection") {
    m.from.address = "a@b.c\r\nBcc: x@y.z";
    CHECK_THROWS_AS(render_message(m), std::invalid_argument);
  }
  SUBCASE("cc address with a second mailbox") {
    m.cc = {{"", "a@b.c, x@y.z"}};
    CHECK_THROWS_AS(render_message(m), std::invalid_argument);
  }
  SUBCASE("date and message id") {
    Message d = m;
    d.date = "Mon, 26 Jul 2021\r\nBcc: a@b.c";
    CHECK_THROWS_AS(render_message(d), std::invalid_argument);
    m.message_id = "x@y>\r\nBcc: a@b.c";
    CHECK_THROWS_AS(render_message(m), std::invalid_argument);
  }
}

TEST_CASE("mbox_entry writes one mboxrd entry") {
  Message m = sample();
  m.body = "From the office\n>From quoted\n>>From twice\nFromage\n From indented\n.\nend";
  const std::string entry =
      mbox_entry(render_message(m), "thanhtra@chuprong.gialai.gov.vn", "Mon Jul 26 07:00:00 2021");

  CHECK(entry.starts_with("From thanhtra@chuprong.gialai.gov.vn Mon Jul 26 07:00:00 2021\n"));
  CHECK(entry.find('\r') == std::string::npos);
  CHECK(entry.ends_with("\nend\n\n"));
  CHECK_FALSE(entry.ends_with("\n\n\n"));

  const std::size_t blank = entry.find("\n\n");
  REQUIRE(blank != std::string::npos);
  CHECK(entry.substr(0, blank).find("\nFrom: =?UTF-8?B?") != std::string::npos);
  CHECK(entry.substr(0, blank).find("\n>") == std::string::npos);
  CHECK(entry.substr(blank + 2) ==
        ">From the office\n>>From quoted\n>>>From twice\nFromage\n From indented\n.\nend\n\n");

  SUBCASE("headers unchanged apart from line ends") {
    const std::string rendered = render_message(m);
    const std::string head = rendered.substr(0, rendered.find("\r\n\r\n"));
    std::string lf;
    for (const std::string& line : split(head, "\r\n")) lf += line + "\n";
    CHECK(entry.find(lf) == entry.find('\n') + 1);
  }
  SUBCASE("entries concatenate into a valid mbox") {
    const std::string two = entry + entry;
    CHECK(two.find("\n\nFrom thanhtra@") == entry.size() - 2);
  }
  SUBCASE("empty sender and bad arguments") {
    CHECK(mbox_entry("A: b\r\n\r\nx\r\n", "", "Mon Jul 26 07:00:00 2021")
              .starts_with("From MAILER-DAEMON Mon Jul 26 07:00:00 2021\n"));
    CHECK_THROWS_AS(mbox_entry("A: b\r\n\r\n", "a b", "Mon Jul 26 07:00:00 2021"),
                    std::invalid_argument);
    CHECK_THROWS_AS(mbox_entry("A: b\r\n\r\n", "a@b", "Mon\nJul"), std::invalid_argument);
  }
  SUBCASE("only body lines are quoted") {
    CHECK(mbox_entry("X-A: b\r\nFrom c\r\n\r\nFrom d\r\n", "a@b", "D") ==
          "From a@b D\nX-A: b\nFrom c\n\n>From d\n\n");
  }
  SUBCASE("a message without a final line end still gets one") {
    CHECK(mbox_entry("A: b\r\n\r\nlast", "a@b", "D") == "From a@b D\nA: b\n\nlast\n\n");
  }
}

TEST_CASE("rfc5322_date and asctime_date: English names and the offset, whatever the locale") {
  std::tm tm{};
  tm.tm_year = 2021 - 1900;
  tm.tm_mon = 6;  // July
  tm.tm_mday = 23;
  tm.tm_wday = 5;  // Friday
  tm.tm_hour = 7;
  tm.tm_min = 5;
  tm.tm_sec = 9;
  CHECK(inspectrack::notify::rfc5322_date(tm, 7 * 3600) == "Fri, 23 Jul 2021 07:05:09 +0700");
  CHECK(inspectrack::notify::rfc5322_date(tm, 0) == "Fri, 23 Jul 2021 07:05:09 +0000");
  CHECK(inspectrack::notify::rfc5322_date(tm, -(9 * 3600 + 30 * 60)) == "Fri, 23 Jul 2021 07:05:09 -0930");
  CHECK(inspectrack::notify::asctime_date(tm) == "Fri Jul 23 07:05:09 2021");
  tm.tm_mday = 1;
  tm.tm_wday = 4;
  tm.tm_mon = 0;
  CHECK(inspectrack::notify::asctime_date(tm) == "Thu Jan  1 07:05:09 2021");
  CHECK(inspectrack::notify::rfc5322_date(tm, 25200) == "Thu, 01 Jan 2021 07:05:09 +0700");
}

TEST_CASE("a name or subject with a word too long to fold is encoded, so no header line is long") {
  using namespace inspectrack::notify;
  Message m;
  m.from = {"", "vanphong@example.vn"};
  m.to = {{std::string(1200, 'x'), "iame@example.vn"}};
  m.subject = "[Reminder] " + std::string(500, 'y') + ": 1 task overdue";
  m.date = "Fri, 23 Jul 2021 07:00:00 +0700";
  m.message_id = "1@example.vn";
  m.body = "x\n";
  const std::string out = render_message(m);
  const std::string head = out.substr(0, out.find("\r\n\r\n"));
  std::size_t start = 0;
  while (start < head.size()) {
    const std::size_t end = head.find("\r\n", start);
    const std::size_t length = (end == std::string::npos ? head.size() : end) - start;
    CHECK(length <= 78);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  CHECK(head.find("=?UTF-8?B?") != std::string::npos);
  // A plain name with ordinary words stays as it is.
  CHECK(format_mailbox({"Van phong UBND", "a@example.vn"}) == "Van phong UBND <a@example.vn>");
}
