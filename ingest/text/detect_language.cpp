#include "ingest/text/detect_language.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <unordered_set>

namespace kgraph::ingest {
namespace {

// Enough words to decide any article; the rest of a long text adds nothing.
constexpr size_t kMaxWords = 5000;
// Fewer function-word hits than this is too little to decide.
constexpr double kMinScore = 5.0;
// The winner needs this many times the loser's score: quotes and names in the
// other language are common in news, a real tie means mixed text.
constexpr double kMinRatio = 1.5;
// A word with an umlaut or ß is a weak sign of German (names like "Müller"
// appear in English text too), and never decides alone.
constexpr double kUmlautWeight = 0.25;
constexpr double kMaxUmlautScore = 3.0;
// Function words are short; longer words are not looked up.
constexpr size_t kMaxWordBytes = 12;

// Words frequent in one language and rare in the other. Left out because both
// languages use them: in, an, am, so, also, was, will, war, man, hat, bin.
// "die" stays: rare in English news, the most frequent word of German.
const std::unordered_set<std::string_view>& germanWords() {
    static const std::unordered_set<std::string_view> words = {
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einen", "einem",
        "eines", "und", "oder", "aber", "nicht", "kein", "keine", "ist", "sind", "wird",
        "werden", "wurde", "wurden", "haben", "hatte", "hatten", "sein", "seine", "seiner",
        "ihre", "ihren", "ihrem", "ihr", "sich", "sie", "er", "es", "wir", "ich", "mit", "von",
        "zu", "zum", "zur", "im", "auf", "für", "über", "unter", "bei", "aus", "nach", "vor",
        "auch", "dass", "daß", "als", "wie", "noch", "nur", "wenn", "doch", "schon", "sehr",
        "um", "durch", "gegen", "seit", "bis", "ohne", "zwischen", "diese", "dieser", "dieses",
        "mehr", "kann", "können", "soll", "sollen", "muss", "müssen", "jedoch", "sowie", "laut"};
    return words;
}

const std::unordered_set<std::string_view>& englishWords() {
    static const std::unordered_set<std::string_view> words = {
        "the", "a", "of", "and", "to", "is", "are", "were", "be", "been", "being", "has", "have",
        "had", "with", "for", "that", "this", "these", "those", "it", "its", "by", "from", "at",
        "as", "but", "not", "or", "which", "who", "whom", "their", "they", "them", "he", "she",
        "we", "you", "his", "her", "our", "would", "could", "should", "said", "than", "there",
        "into", "about", "after", "over", "between", "against", "while", "more", "can",
        "does", "did", "on", "what", "when", "where", "how", "such", "only", "other"};
    return words;
}

bool isAsciiUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool isAsciiLower(unsigned char c) { return c >= 'a' && c <= 'z'; }

// The length of the letter at text[i]: an ASCII letter, or a two-byte UTF-8
// character from U+00C0 on (Latin, Greek, Cyrillic letters); 0 for anything
// else, so quotes and dashes ("„", "–", three bytes) separate words.
size_t letterLength(std::string_view text, size_t i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (isAsciiUpper(c) || isAsciiLower(c)) return 1;
    if (c >= 0xC3 && c <= 0xDF && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
        return 2;
    }
    return 0;
}

// The second byte of "ä ö ü Ä Ö Ü ß" after the lead byte 0xC3.
bool isUmlautTail(unsigned char c) {
    return c == 0xA4 || c == 0xB6 || c == 0xBC || c == 0x84 || c == 0x96 || c == 0x9C || c == 0x9F;
}

struct Scores {
    double german = 0;
    double english = 0;
    double umlautWords = 0;
};

// Scores one word. Function words are lowercase, or capitalised at the start
// of a sentence; all-capital words ("MIT", "DIE") are acronyms or shouting.
void scoreWord(std::string_view word, Scores& scores) {
    bool hasUmlaut = false;
    for (size_t i = 0; i + 1 < word.size(); ++i) {
        hasUmlaut = hasUmlaut || (static_cast<unsigned char>(word[i]) == 0xC3 &&
                                  isUmlautTail(static_cast<unsigned char>(word[i + 1])));
    }
    if (hasUmlaut) scores.umlautWords += 1;
    if (word.size() > kMaxWordBytes) return;

    std::array<char, kMaxWordBytes> lower{};
    for (size_t i = 0; i < word.size(); ++i) {
        auto c = static_cast<unsigned char>(word[i]);
        if (i > 0 && isAsciiUpper(c)) return;
        if (isAsciiUpper(c)) c = static_cast<unsigned char>(c - 'A' + 'a');
        // Ä Ö Ü -> ä ö ü: Latin-1 capitals sit 0x20 below their small letters.
        if (i == 1 && static_cast<unsigned char>(word[0]) == 0xC3 && c >= 0x80 && c <= 0x9E) c += 0x20;
        lower[i] = static_cast<char>(c);
    }
    std::string_view key(lower.data(), word.size());
    if (germanWords().contains(key)) scores.german += 1;
    if (englishWords().contains(key)) scores.english += 1;
}

}  // namespace

Lang detectLanguage(std::string_view text) {
    Scores scores;
    size_t wordCount = 0;
    for (size_t i = 0; i < text.size() && wordCount < kMaxWords;) {
        if (letterLength(text, i) == 0) {
            ++i;
            continue;
        }
        size_t start = i;
        while (i < text.size()) {
            size_t n = letterLength(text, i);
            if (n == 0) break;
            i += n;
        }
        scoreWord(text.substr(start, i - start), scores);
        ++wordCount;
    }
    double german = scores.german + std::min(kMaxUmlautScore, kUmlautWeight * scores.umlautWords);
    double english = scores.english;
    double best = std::max(german, english);
    if (best < kMinScore || best < kMinRatio * std::min(german, english)) return Lang::UNKNOWN;
    return german > english ? Lang::DE : Lang::EN;
}

}  // namespace kgraph::ingest
