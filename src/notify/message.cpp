#include "inspectrack/notify/message.hpp"

// A rendered reminder starts like this (each line ends in CRLF):
//   From: =?UTF-8?B?VGhhbmggdHJhIGh1eeG7h24=?= <thanhtra@chuprong.gialai.gov.vn>
//   To: =?UTF-8?B?VUJORCB4w6MgQsOgdSBD4bqhbg==?= <ubnd@baucan.chuprong.gov.vn>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/text/utf8.hpp"

namespace inspectrack::notify {

namespace {

// RFC 5322 §2.1.1: lines SHOULD stay within 78 characters before the CRLF.
constexpr std::size_t kMaxLine = 78;
// RFC 2047 §2: an encoded word is at most 75 characters long.
constexpr std::size_t kMaxEncodedWord = 75;
// Inside a rendered header the first encoded word shares its line with the field
// name ("Subject: " is 9 characters), so rendered words are kept shorter.
constexpr std::size_t kRenderedEncodedWord = 66;
// A quoted display name longer than this is encoded instead, so that it can fold.
constexpr std::size_t kMaxQuotedName = 60;

constexpr std::string_view kWordPrefix = "=?UTF-8?B?";
constexpr std::string_view kWordSuffix = "?=";

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t n = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    const std::uint32_t n = (byte(i) << 16) | (rest == 2 ? byte(i + 1) << 8 : 0);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Length of the UTF-8 sequence at s[i]. A malformed or truncated sequence counts as
// one byte, so that splitting always makes progress and never reads past the end.
std::size_t sequence_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t n = c < 0x80            ? 1
                        : (c & 0xE0) == 0xC0 ? 2
                        : (c & 0xF0) == 0xE0 ? 3
                        : (c & 0xF8) == 0xF0 ? 4
                                             : 1;
  if (i + n > s.size()) return 1;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 1;
  }
  return n;
}

// Encoded words of at most `max_word` characters, each holding whole characters.
std::vector<std::string> encoded_words(std::string_view text, std::size_t max_word) {
  const std::size_t max_bytes = (max_word - kWordPrefix.size() - kWordSuffix.size()) / 4 * 3;
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    while (end < text.size()) {
      const std::size_t n = sequence_length(text, end);
      if (end + n - start > max_bytes) break;
      end += n;
    }
    words.push_back(std::string(kWordPrefix) + base64(text.substr(start, end - start)) +
                    std::string(kWordSuffix));
    start = end;
  }
  return words;
}

bool is_printable_ascii(std::string_view s) {
  for (const char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// Printable ASCII goes out as it is, unless it could be mistaken for an encoded word.
// A word longer than this cannot be folded onto a line of its own within 78
// characters, so the text is encoded (encoded words split between characters).
constexpr std::size_t kLongestPlainWord = 60;

std::size_t longest_word(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (const char c : text) {
    run = c == ' ' ? 0 : run + 1;
    longest = std::max(longest, run);
  }
  return longest;
}

bool needs_encoding(std::string_view text) {
  return !is_printable_ascii(text) || text.find("=?") != std::string_view::npos ||
         longest_word(text) > kLongestPlainWord;
}

bool is_atext(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// Atoms separated by single spaces: a display name that needs no quoting.
bool is_atom_phrase(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ') {
      if (s[i + 1] == ' ') return false;
    } else if (!is_atext(s[i])) {
      return false;
    }
  }
  return true;
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

void check_header_text(std::string_view s, std::string_view what) {
  if (has_control_characters(s)) {
    throw std::invalid_argument("control character in " + std::string(what));
  }
}

// Addresses are validated at import; this guards the message structure anyway, so
// that no address can close the angle brackets or start another mailbox.
void check_address(std::string_view address) {
  check_header_text(address, "e-mail address");
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) {
    throw std::invalid_argument("not an e-mail address: '" + std::string(address) + "'");
  }
  for (const char c : address) {
    if (c <= ' ' || c > 0x7E || std::string_view("<>,;:\"()[]\\").find(c) != std::string_view::npos) {
      throw std::invalid_argument("not an e-mail address: '" + std::string(address) + "'");
    }
  }
}

// An unfolded header value and the spaces where a fold (CRLF before the space) keeps
// its meaning.
class HeaderValue {
 public:
  void append(std::string_view text) { text_ += text; }
  void append_fold_point() {
    folds_.push_back(text_.size());
    text_ += ' ';
  }
  bool empty() const { return text_.empty(); }
  const std::string& text() const { return text_; }
  const std::vector<std::size_t>& folds() const { return folds_; }

 private:
  std::string text_;
  std::vector<std::size_t> folds_;
};

// "Name: value" CRLF-terminated, folded greedily so that lines stay within kMaxLine
// wherever a fold point allows it.
std::string fold(std::string_view name, const HeaderValue& value) {
  if (value.empty()) return std::string(name) + ":\r\n";
  const std::string line = std::string(name) + ": " + value.text();
  const std::size_t offset = name.size() + 2;
  std::vector<std::size_t> points;
  for (const std::size_t p : value.folds()) points.push_back(offset + p);
  points.push_back(line.size());

  std::string out;
  std::size_t start = 0;
  std::size_t last_fit = 0;
  for (const std::size_t p : points) {
    if (p - start <= kMaxLine) {
      last_fit = p;
      continue;
    }
    if (last_fit > start) {
      out.append(line, start, last_fit - start);
      out += "\r\n";
      start = last_fit;
    }
    last_fit = p;
  }
  out.append(line, start);
  out += "\r\n";
  return out;
}

bool fits(const std::string& folded) {
  std::size_t start = 0;
  while (start < folded.size()) {
    const std::size_t end = folded.find("\r\n", start);
    if (end - start > kMaxLine) return false;
    start = end + 2;
  }
  return true;
}

void append_words(HeaderValue& value, const std::vector<std::string>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) value.append_fold_point();
    value.append(words[i]);
  }
}

// The display name as header words: atoms (foldable between them), one quoted
// string, or encoded words.
std::vector<std::string> name_words(std::string_view name) {
  if (!needs_encoding(name)) {
    if (is_atom_phrase(name)) {
      std::vector<std::string> words;
      std::size_t start = 0;
      while (start <= name.size()) {
        const std::size_t end = std::min(name.find(' ', start), name.size());
        words.emplace_back(name.substr(start, end - start));
        start = end + 1;
      }
      return words;
    }
    std::string q = quoted(name);
    if (q.size() <= kMaxQuotedName) return {std::move(q)};
  }
  return encoded_words(name, kRenderedEncodedWord);
}

HeaderValue mailbox_list(const std::vector<Mailbox>& mailboxes) {
  HeaderValue value;
  for (std::size_t i = 0; i < mailboxes.size(); ++i) {
    const Mailbox& m = mailboxes[i];
    check_header_text(m.name, "display name");
    check_address(m.address);
    if (i > 0) {
      value.append(",");
      value.append_fold_point();
    }
    if (m.name.empty()) {
      value.append(m.address);
      continue;
    }
    append_words(value, name_words(m.name));
    value.append_fold_point();
    value.append("<" + m.address + ">");
  }
  return value;
}

// Folding plain text at its own spaces keeps it exact; a word too long to fit on a
// line makes the whole subject go out as encoded words instead.
std::string subject_header(std::string_view subject) {
  check_header_text(subject, "subject");
  if (!needs_encoding(subject)) {
    HeaderValue plain;
    for (std::size_t i = 0; i < subject.size(); ++i) {
      if (subject[i] == ' ' && i > 0 && i + 1 < subject.size() && subject[i + 1] != ' ') {
        plain.append_fold_point();
      } else {
        plain.append(subject.substr(i, 1));
      }
    }
    std::string folded = fold("Subject", plain);
    if (fits(folded)) return folded;
  }
  HeaderValue encoded;
  append_words(encoded, encoded_words(subject, kRenderedEncodedWord));
  return fold("Subject", encoded);
}

HeaderValue single(std::string text) {
  HeaderValue value;
  value.append(text);
  return value;
}

// Every body line ends in CRLF; a lone CR counts as a line end too, since RFC 5322
// allows CR only as part of CRLF.
std::string body_lines(std::string_view body) {
  std::string out;
  std::size_t i = 0;
  while (i < body.size()) {
    const char c = body[i];
    if (c == '\r' || c == '\n') {
      out += "\r\n";
      i += (c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') ? 2 : 1;
    } else {
      out += c;
      ++i;
    }
  }
  if (!body.empty() && body.back() != '\n' && body.back() != '\r') out += "\r\n";
  return out;
}

bool is_from_line(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == '>') ++i;
  return line.substr(i).starts_with("From ");
}

}  // namespace

bool has_control_characters(std::string_view s) { return text::has_line_breaking(s); }

std::string encode_header_text(std::string_view text) {
  check_header_text(text, "header text");
  if (!needs_encoding(text)) return std::string(text);
  std::string out;
  for (const std::string& word : encoded_words(text, kMaxEncodedWord)) {
    if (!out.empty()) out += "\r\n ";
    out += word;
  }
  return out;
}

std::string format_mailbox(const Mailbox& mailbox) {
  check_header_text(mailbox.name, "display name");
  check_address(mailbox.address);
  if (mailbox.name.empty()) return mailbox.address;
  std::string name;
  if (needs_encoding(mailbox.name)) {
    name = encode_header_text(mailbox.name);
  } else {
    name = is_atom_phrase(mailbox.name) ? mailbox.name : quoted(mailbox.name);
  }
  return name + " <" + mailbox.address + ">";
}

std::string render_message(const Message& message) {
  if (message.to.empty()) throw std::invalid_argument("a message needs at least one recipient");
  check_header_text(message.date, "date");
  check_header_text(message.message_id, "message id");
  if (message.message_id.empty() ||
      message.message_id.find_first_of(" <>") != std::string::npos) {
    throw std::invalid_argument("not a message id: '" + message.message_id + "'");
  }

  std::string out;
  out += fold("From", mailbox_list({message.from}));
  out += fold("To", mailbox_list(message.to));
  if (!message.cc.empty()) out += fold("Cc", mailbox_list(message.cc));
  out += subject_header(message.subject);
  out += fold("Date", single(message.date));
  out += fold("Message-ID", single("<" + message.message_id + ">"));
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n";
  out += "\r\n";
  out += body_lines(message.body);
  return out;
}

std::string mbox_entry(const std::string& rendered_message, std::string_view sender,
                       std::string_view asctime_date) {
  check_header_text(asctime_date, "mbox date");
  if (sender.find_first_of(" \t") != std::string_view::npos) {
    throw std::invalid_argument("space in mbox sender '" + std::string(sender) + "'");
  }
  check_header_text(sender, "mbox sender");

  std::string out = "From ";
  out += sender.empty() ? std::string_view("MAILER-DAEMON") : sender;
  out += ' ';
  out += asctime_date;
  out += '\n';

  const std::string_view text = rendered_message;
  bool in_body = false;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (in_body && is_from_line(line)) out += '>';
    out += line;
    out += '\n';
    if (line.empty()) in_body = true;
    start = end + 1;
  }
  out += '\n';
  return out;
}

namespace {

constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

const char* name_of(const std::array<const char*, 7>& names, int i) {
  return names.at(static_cast<std::size_t>(((i % 7) + 7) % 7));
}
const char* month_of(int i) { return kMonths.at(static_cast<std::size_t>(((i % 12) + 12) % 12)); }

}  // namespace

std::string rfc5322_date(const std::tm& local, long utc_offset_seconds) {
  const long minutes = (utc_offset_seconds < 0 ? -utc_offset_seconds : utc_offset_seconds) / 60;
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} {}{:02}{:02}", name_of(kDays, local.tm_wday),
                     local.tm_mday, month_of(local.tm_mon), local.tm_year + 1900, local.tm_hour,
                     local.tm_min, local.tm_sec, utc_offset_seconds < 0 ? '-' : '+', minutes / 60,
                     minutes % 60);
}

std::string asctime_date(const std::tm& local) {
  return fmt::format("{} {} {:2} {:02}:{:02}:{:02} {:04}", name_of(kDays, local.tm_wday),
                     month_of(local.tm_mon), local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec,
                     local.tm_year + 1900);
}

}  // namespace inspectrack::notify
