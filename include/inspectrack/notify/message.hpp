#pragma once
// Reminder e-mails: RFC 5322 messages with RFC 2047 encoded
// headers and a UTF-8 text body, and the mbox format they are appended to. Pure
// functions: no I/O, no clock (callers pass the date and the message id).

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace inspectrack::notify {

// A mailbox: an address with an optional display name ("UBND xã Bàu Cạn").
struct Mailbox {
  std::string name;     // UTF-8, may be ""
  std::string address;  // ASCII local@domain, already validated at import
};

struct Message {
  Mailbox from;
  std::vector<Mailbox> to;
  std::vector<Mailbox> cc;
  std::string subject;     // UTF-8
  std::string date;        // RFC 5322 date, e.g. "Mon, 26 Jul 2021 07:00:00 +0700"
  std::string message_id;  // without the angle brackets: "20210726070000.bau-can@host"
  std::string body;        // UTF-8 text, lines separated by "\n"
};

// True when `s` holds a CR, an LF or another control character: such a value must never
// reach a header (header injection).
bool has_control_characters(std::string_view s);

// An RFC 2047 encoded-word rendering of `text` for a header: `text` itself when it is
// printable ASCII without specials that need quoting, else "=?UTF-8?B?…?=" words of
// at most 75 characters, split between whole UTF-8 characters, separated by CRLF SP
// (folding). Throws std::invalid_argument when `text` has control characters.
std::string encode_header_text(std::string_view text);

// "Name <address>" with the name encoded (or quoted) as needed; just the address when
// the name is empty. Throws std::invalid_argument on control characters in either, and
// on an address that is empty, lacks text around its '@', or holds a space, a non-ASCII
// character or any of <>,;:"()[]\ (a second address smuggled into one).
std::string format_mailbox(const Mailbox& mailbox);

// The whole message with CRLF line ends: From, To, Cc (when any), Subject, Date,
// Message-ID, MIME-Version: 1.0, Content-Type: text/plain; charset=UTF-8,
// Content-Transfer-Encoding: 8bit; a blank line; the body with every line ending in
// CRLF. Header lines longer than 78 characters are folded at spaces between mailboxes
// or encoded words. Throws std::invalid_argument when a header value has control
// characters, an address is malformed (see format_mailbox), the message id is empty or
// holds a space or angle brackets, or `to` is empty.
std::string render_message(const Message& message);

// "Fri, 23 Jul 2021 07:00:00 +0700": `local` (as localtime_r fills it) with its offset
// east of UTC in seconds, day and month names in English whatever the locale (RFC 5322).
std::string rfc5322_date(const std::tm& local, long utc_offset_seconds);
// "Fri Jul 23 07:00:00 2021", for the "From " line of an mbox entry.
std::string asctime_date(const std::tm& local);

// The message as one mbox entry (mboxrd): "From SENDER DATE\n", the message with LF
// line ends, each body line matching ^>*From  quoted with one more '>', and a blank
// line after. `asctime_date` is e.g. "Mon Jul 26 07:00:00 2021". Throws
// std::invalid_argument when the sender holds whitespace or control characters, or the
// date control characters.
std::string mbox_entry(const std::string& rendered_message, std::string_view sender,
                       std::string_view asctime_date);

}  // namespace inspectrack::notify
