// Phrases of the rules (gazetteer aliases, cues, triggers, negations) as
// sequences of folded words, the last one possibly a prefix ("investier*"),
// indexed so that finding the phrases that start at a word costs a hash
// lookup or two instead of a pass over every phrase: extraction runs once per
// word of every article, and the rules hold thousands of phrases.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kgraph::ingest {

class PhraseIndex {
public:
    // Adds a phrase (folded words, at least one) that stands for `id`.
    void add(std::vector<std::string> words, bool prefix, size_t id) {
        if (words.empty()) return;
        Entry e{std::move(words), prefix, id};
        longest_ = std::max(longest_, e.words.size());
        const std::string& first = e.words.front();
        if (e.prefix && e.words.size() == 1) {
            if (first.size() < kHead) shortPrefixes_.push_back(std::move(e));
            else byHead_[first.substr(0, kHead)].push_back(std::move(e));
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
    // `at` on; `word(i)` is the folded word i, `count` how many there are.
    template <typename WordAt, typename Found>
    void match(size_t at, size_t count, WordAt&& word, Found&& found) const {
        const std::string_view first = word(at);
        auto test = [&](const Entry& e) {
            if (at + e.words.size() > count) return;
            for (size_t k = 0; k < e.words.size(); ++k) {
                std::string_view w = word(at + k);
                const std::string& p = e.words[k];
                bool last = k + 1 == e.words.size();
                if (last && e.prefix ? !w.starts_with(p) : w != p) return;
            }
            found(e.id, e.words.size());
        };
        if (auto it = byFirst_.find(first); it != byFirst_.end()) {
            for (const Entry& e : it->second.single) test(e);
            if (!it->second.bySecond.empty() && at + 1 < count)
                if (auto next = it->second.bySecond.find(word(at + 1)); next != it->second.bySecond.end())
                    for (const Entry& e : next->second) test(e);
        }
        if (first.size() >= kHead)
            if (auto it = byHead_.find(first.substr(0, kHead)); it != byHead_.end())
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
    // Looked up by string_view: no string is made per word.
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Map = std::unordered_map<std::string, std::vector<Entry>, Hash, std::equal_to<>>;
    struct ByFirst {
        std::vector<Entry> single;  // one-word phrases, and two words the second a prefix
        Map bySecond;               // longer ones by their second word
    };
    std::unordered_map<std::string, ByFirst, Hash, std::equal_to<>> byFirst_;  // by the exact first word
    Map byHead_;   // one-word prefixes by their first bytes
    std::vector<Entry> shortPrefixes_;                             // one-word prefixes shorter than that
    size_t longest_ = 0;
};

}  // namespace kgraph::ingest
