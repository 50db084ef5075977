// Phrases of the rules (gazetteer aliases, cues, triggers, negations) as
// sequences of folded words, the last one possibly a prefix ("investier*"),
// indexed so that finding the phrases that start at a word costs a hash
// lookup or two instead of a pass over every phrase: extraction runs once per
// word of every article, and the rules hold thousands of phrases.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kgraph::ingest {

class PhraseIndex {
public:
    // A folded word of the text with its hash: hashed once, looked up many times.
    struct Word {
        std::string_view text;
        size_t hash = 0;
    };
    static size_t hashOf(std::string_view s) { return std::hash<std::string_view>{}(s); }

    // Adds a phrase (folded words, at least one) that stands for `id`.
    void add(std::vector<std::string> words, bool prefix, size_t id) {
        if (words.empty()) return;
        Entry e{std::move(words), prefix, id};
        longest_ = std::max(longest_, e.words.size());
        const std::string& first = e.words.front();
        if (e.prefix && e.words.size() == 1) {
            if (first.size() < kHead) shortPrefixes_.push_back(std::move(e));
            else byHead_[headOf(first)].push_back(std::move(e));
        } else if (e.words.size() == 1 || (e.prefix && e.words.size() == 2)) {  // a prefix second word has no exact key
            byFirst_[first].single.push_back(std::move(e));
        } else {
            // Longer phrases by their first two words: "," starts a hundred
            // phrases (", CEO", ", Finanzchefin", ...) and most sentences hold commas.
            const std::string second = e.words[1];
            byFirst_[first].bySecond[second].push_back(std::move(e));
        }
    }

    bool empty() const { return byFirst_.empty() && byHead_.empty() && shortPrefixes_.empty(); }
    size_t longest() const { return longest_; }

    // Calls found(id, wordCount) for every phrase that matches the words from
    // `at` on; `word(i)` is the folded word i (a string_view, or a Word with
    // its hash), `count` how many there are.
    template <typename WordAt, typename Found>
    void match(size_t at, size_t count, WordAt&& word, Found&& found) const {
        const Word first = hashed(word(at));
        auto test = [&](const Entry& e) {
            if (at + e.words.size() > count) return;
            for (size_t k = 0; k < e.words.size(); ++k) {
                std::string_view w = textOf(word(at + k));
                const std::string& p = e.words[k];
                bool last = k + 1 == e.words.size();
                if (last && e.prefix ? !w.starts_with(p) : w != p) return;
            }
            found(e.id, e.words.size());
        };
        if (auto it = byFirst_.find(first); it != byFirst_.end()) {
            for (const Entry& e : it->second.single) test(e);
            if (!it->second.bySecond.empty() && at + 1 < count)
                if (auto next = it->second.bySecond.find(hashed(word(at + 1))); next != it->second.bySecond.end())
                    for (const Entry& e : next->second) test(e);
        }
        if (first.text.size() >= kHead)
            if (auto it = byHead_.find(headOf(first.text)); it != byHead_.end())
                for (const Entry& e : it->second) test(e);
        for (const Entry& e : shortPrefixes_) test(e);
    }

private:
    static constexpr size_t kHead = 3;  // bytes of a prefix phrase that key it
    struct Entry {
        std::vector<std::string> words;
        bool prefix = false;
        size_t id = 0;
    };
    static Word hashed(std::string_view s) { return {s, hashOf(s)}; }
    static Word hashed(const Word& w) { return w; }
    static std::string_view textOf(std::string_view s) { return s; }
    static std::string_view textOf(const Word& w) { return w.text; }
    // The first kHead bytes of a word as a number: a key that needs no string hash.
    static uint32_t headOf(std::string_view w) {
        uint32_t key = 0;
        for (size_t k = 0; k < kHead; ++k) key = key << 8 | static_cast<uint8_t>(w[k]);
        return key;
    }
    // Looked up by a Word, whose hash is known, or a string_view: no string is made per word.
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return hashOf(s); }
        size_t operator()(const Word& w) const { return w.hash; }
    };
    struct Equal {
        using is_transparent = void;
        template <typename A, typename B>
        bool operator()(const A& a, const B& b) const { return textOf(a) == textOf(b); }
    };
    using Map = std::unordered_map<std::string, std::vector<Entry>, Hash, Equal>;
    struct ByFirst {
        std::vector<Entry> single;  // one-word phrases, and two words the second a prefix
        Map bySecond;               // longer ones by their second word
    };
    std::unordered_map<std::string, ByFirst, Hash, Equal> byFirst_;  // by the exact first word
    std::unordered_map<uint32_t, std::vector<Entry>> byHead_;        // one-word prefixes by their first bytes
    std::vector<Entry> shortPrefixes_;                             // one-word prefixes shorter than that
    size_t longest_ = 0;
};

}  // namespace kgraph::ingest
