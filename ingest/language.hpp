// The languages the knowledge builder reads. Rules, abbreviations and number
// formats differ per language; UNKNOWN is what detection returns when a text
// gives too little to decide.
#pragma once

#include <optional>
#include <string_view>

namespace kgraph::ingest {

enum class Lang { UNKNOWN, DE, EN };

// "de", "en", "" for UNKNOWN.
constexpr std::string_view langCode(Lang lang) {
    switch (lang) {
        case Lang::DE: return "de";
        case Lang::EN: return "en";
        case Lang::UNKNOWN: break;
    }
    return "";
}

// From an ISO 639-1 code, any case; nullopt for other languages.
constexpr std::optional<Lang> parseLang(std::string_view code) {
    if (code.size() != 2) return std::nullopt;
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    char a = lower(code[0]), b = lower(code[1]);
    if (a == 'd' && b == 'e') return Lang::DE;
    if (a == 'e' && b == 'n') return Lang::EN;
    return std::nullopt;
}

}  // namespace kgraph::ingest
