// Text helpers shared by every module: UTF-8 validation and encoding, and the
// normalised form under which names and aliases are indexed.
#pragma once

#include <string>
#include <string_view>

namespace kgraph {

// True when `s` is well-formed UTF-8.
bool isValidUtf8(std::string_view s);

// Appends the UTF-8 encoding of the code point `cp` (at most U+10FFFF).
void appendUtf8(std::string& out, char32_t cp);

// The index key of a name: Unicode NFKC, full case folding, inner runs of
// white space collapsed to one space, outer white space dropped. So "Alibaba
// Group", "ALIBABA  group" and "alibaba group" find one entity, and "Straße"
// meets "STRASSE". Invalid UTF-8 is folded bytewise as ASCII.
std::string normalizeName(std::string_view name);

}  // namespace kgraph
