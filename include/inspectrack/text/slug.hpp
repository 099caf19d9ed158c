#pragma once
// Keys are ASCII slugs: [a-z0-9][a-z0-9._-]*.

#include <string>
#include <string_view>

namespace inspectrack::text {

// True when `s` is a valid key.
bool is_slug(std::string_view s);

// The slug a user most likely meant: Vietnamese letters lose their marks
// (đ → d, ạ → a, Ư → u), letters are lowercased, spaces and other separators become
// '-', repeated '-' collapse, leading/trailing separators go. "UBND xã Bàu Cạn"
// gives "ubnd-xa-bau-can". Returns "" when nothing usable is left.
std::string slugify(std::string_view s);

}  // namespace inspectrack::text
