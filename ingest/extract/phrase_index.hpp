// Phrases of the rules (gazetteer aliases, cues, triggers, negations) as
// sequences of folded words, the last one possibly a prefix ("investier*"),
// indexed so that finding the phrases that start at a word costs a probe or
// two of a flat table instead of a pass over every phrase: extraction runs
// once per word of every article, and the rules hold thousands of phrases.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kgraph::ingest {

// A hash table of indexes into the caller's own array, open addressing with
// linear probing: a lookup reads one or two adjacent slots instead of
// chasing the nodes of a std::unordered_map, whose cache misses were most of
// the phrase lookups' time. Keys live with the caller, who says whether a
// candidate is the one sought; the table only ever grows.
class HashSlots {
public:
    static constexpr uint32_t kNone = UINT32_MAX;

    // The index whose full hash is `hash` and for which is(index) holds, else kNone.
    template <typename Is>
    uint32_t find(size_t hash, Is&& is) const {
        if (slots_.empty()) return kNone;
        for (size_t s = hash & mask_;; s = (s + 1) & mask_) {
            const Slot& slot = slots_[s];
            if (slot.index == kNone) return kNone;
            if (slot.hash == hash && is(slot.index)) return slot.index;
        }
    }

    // Starts loading the slot a lookup of `hash` reads first, so that it is in the cache by then.
    void prefetch(size_t hash) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[hash & mask_]);
    }

    // Adds an index under `hash`; the caller has checked that its key is not there yet.
    void insert(size_t hash, uint32_t index) {
        if (2 * (count_ + 1) > slots_.size()) grow();
        place(hash, index);
        ++count_;
    }

private:
    struct Slot {
        size_t hash = 0;
        uint32_t index = kNone;
    };

    void place(size_t hash, uint32_t index) {
        size_t s = hash & mask_;
        while (slots_[s].index != kNone) s = (s + 1) & mask_;
        slots_[s] = {hash, index};
    }

    // Doubles the table (at most half full keeps probe runs short).
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(std::max<size_t>(16, 2 * old.size()), Slot{});
        mask_ = slots_.size() - 1;
        for (const Slot& slot : old)
            if (slot.index != kNone) place(slot.hash, slot.index);
    }

    std::vector<Slot> slots_;
    size_t mask_ = 0;
    size_t count_ = 0;
};

class PhraseIndex {
public:
    // A folded word of the text with its hash: hashed once, looked up many times.
    struct Word {
        std::string_view text;
        size_t hash = 0;
    };
    // A hash of a word for the tables below, every word of every sentence hashed once: short words
    // (nearly all) take two overlapping loads and one multiply, with no loop and no per-byte branch.
    static size_t hashOf(std::string_view s) {
        const auto* p = reinterpret_cast<const unsigned char*>(s.data());
        const size_t n = s.size();
        uint64_t a = 0, b = 0, h = 0x9E3779B97F4A7C15ull ^ n;
        if (n > 16) {
            size_t k = 0;
            for (; k + 8 < n; k += 8) h = mix(h ^ load(p + k, 8), 0xA0761D6478BD642Full);
            a = load(p + n - 8, 8);
        } else if (n >= 8) {
            a = load(p, 8);
            b = load(p + n - 8, 8);
        } else if (n >= 4) {
            a = load(p, 4);
            b = load(p + n - 4, 4);
        } else if (n > 0) {
            a = uint64_t{p[0]} << 16 | uint64_t{p[n >> 1]} << 8 | p[n - 1];
        }
        return static_cast<size_t>(mix(a ^ 0xE7037ED1A0B428DBull, b ^ h));
    }

    // Adds a phrase (folded words, at least one) that stands for `id`.
    void add(std::vector<std::string> words, bool prefix, size_t id) {
        if (words.empty()) return;
        Entry e{std::move(words), prefix, id, {}};
        longest_ = std::max(longest_, e.words.size());
        const std::string& first = e.words.front();
        if (e.prefix && e.words.size() == 1) {
            if (first.size() < kHead) shortPrefixes_.push_back(std::move(e));
            else headGroup(headOf(first)).push_back(std::move(e));
        } else if (e.words.size() == 1 || (e.prefix && e.words.size() == 2)) {  // a prefix second word has no exact key
            firstGroup(first).single.push_back(std::move(e));
        } else {
            // Longer phrases by their first two words: "," starts a hundred
            // phrases (", CEO", ", Finanzchefin", ...) and most sentences hold commas.
            firstGroup(first).hasLonger = true;
            pairGroup(first, e.words[1]).push_back(std::move(e));
        }
    }

    // What a phrase stands for, in the caller's own list, given once the phrases are all added: a
    // match hands it over with the phrase, so the caller need not look it up (a cache miss a match).
    // [begin, end) in four parts, which the caller cuts where it likes.
    struct Payload {
        uint32_t begin = 0, heads = 0, flagged = 0, split = 0, end = 0;
    };
    template <typename PayloadOf>
    void setPayloads(PayloadOf&& payloadOf) {
        auto set = [&](std::vector<Entry>& entries) {
            for (Entry& e : entries) e.payload = payloadOf(e.id);
        };
        for (ByFirst& g : byFirst_) set(g.single);
        for (ByPair& g : byPair_) set(g.entries);
        for (ByHead& g : byHead_) set(g.entries);
        set(shortPrefixes_);
    }

    bool empty() const { return byFirst_.empty() && byHead_.empty() && shortPrefixes_.empty(); }
    // A lookup of a word whose hash is known ahead: its first probe's cache line starts loading now.
    void prefetch(size_t wordHash) const { firstSlots_.prefetch(wordHash); }
    size_t longest() const { return longest_; }

    // Calls found(id, wordCount) (or found(id, wordCount, payload)) for every phrase that matches
    // the words from `at` on; `word(i)` is the folded word i (a string_view, or a Word with its
    // hash), `count` how many there are.
    template <typename WordAt, typename Found>
    void match(size_t at, size_t count, WordAt&& word, Found&& found) const {
        const Word first = hashed(word(at));
        // The words before `from` are known to match (they were the key).
        auto test = [&](const Entry& e, size_t from) {
            if (at + e.words.size() > count) return;
            for (size_t k = from; k < e.words.size(); ++k) {
                std::string_view w = textOf(word(at + k));
                const std::string& p = e.words[k];
                bool last = k + 1 == e.words.size();
                if (last && e.prefix ? !w.starts_with(p) : w != p) return;
            }
            if constexpr (std::is_invocable_v<Found, size_t, size_t, const Payload&>) found(e.id, e.words.size(), e.payload);
            else found(e.id, e.words.size());
        };
        if (const uint32_t f = firstSlots_.find(first.hash, [&](uint32_t i) { return byFirst_[i].word == first.text; });
            f != HashSlots::kNone) {
            const ByFirst& group = byFirst_[f];
            for (const Entry& e : group.single) test(e, 1);
            if (group.hasLonger && at + 1 < count) {
                const Word second = hashed(word(at + 1));
                const uint32_t p = pairSlots_.find(pairHash(first.hash, second.hash), [&](uint32_t i) {
                    return byPair_[i].first == first.text && byPair_[i].second == second.text;
                });
                if (p != HashSlots::kNone)
                    for (const Entry& e : byPair_[p].entries) test(e, 2);
            }
        }
        if (first.text.size() >= kHead) {
            const uint32_t key = headOf(first.text);
            if (const uint32_t h = headSlots_.find(mixed(key), [&](uint32_t i) { return byHead_[i].key == key; });
                h != HashSlots::kNone)
                for (const Entry& e : byHead_[h].entries) test(e, 0);
        }
        for (const Entry& e : shortPrefixes_) test(e, 0);
    }

private:
    static constexpr size_t kHead = 3;  // bytes of a prefix phrase that key it
    struct Entry {
        std::vector<std::string> words;
        bool prefix = false;
        size_t id = 0;
        Payload payload;
    };
    static uint64_t load(const unsigned char* p, size_t bytes) {
        uint64_t v = 0;
        std::memcpy(&v, p, bytes);
        return v;
    }
    // The two halves of a 128-bit product folded together: each input bit reaches the low bits.
    static uint64_t mix(uint64_t a, uint64_t b) {
        __extension__ using Wide = unsigned __int128;  // GCC and Clang on 64-bit targets
        const Wide r = static_cast<Wide>(a) * b;
        return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
    }
    static Word hashed(std::string_view s) { return {s, hashOf(s)}; }
    static Word hashed(const Word& w) { return w; }
    static std::string_view textOf(std::string_view s) { return s; }
    static std::string_view textOf(const Word& w) { return w.text; }
    static size_t pairHash(size_t first, size_t second) { return first ^ (second * 0x9E3779B97F4A7C15ull + (first << 6)); }
    // A key of few bytes spread over the hash's low bits, which pick the slot.
    static size_t mixed(uint32_t key) { return static_cast<size_t>(key) * 0x9E3779B97F4A7C15ull >> 20; }
    // The first kHead bytes of a word as a number: a key that needs no string hash.
    static uint32_t headOf(std::string_view w) {
        uint32_t key = 0;
        for (size_t k = 0; k < kHead; ++k) key = key << 8 | static_cast<uint8_t>(w[k]);
        return key;
    }

    struct ByFirst {
        std::string word;
        std::vector<Entry> single;  // one-word phrases, and two words the second a prefix
        bool hasLonger = false;     // longer ones are in byPair_
    };
    struct ByPair {
        std::string first, second;
        std::vector<Entry> entries;
    };
    struct ByHead {
        uint32_t key = 0;
        std::vector<Entry> entries;
    };

    ByFirst& firstGroup(const std::string& word) {
        const size_t hash = hashOf(word);
        uint32_t i = firstSlots_.find(hash, [&](uint32_t k) { return byFirst_[k].word == word; });
        if (i == HashSlots::kNone) {
            i = static_cast<uint32_t>(byFirst_.size());
            byFirst_.push_back({word, {}, false});
            firstSlots_.insert(hash, i);
        }
        return byFirst_[i];
    }

    std::vector<Entry>& pairGroup(const std::string& first, const std::string& second) {
        const size_t hash = pairHash(hashOf(first), hashOf(second));
        uint32_t i = pairSlots_.find(hash, [&](uint32_t k) { return byPair_[k].first == first && byPair_[k].second == second; });
        if (i == HashSlots::kNone) {
            i = static_cast<uint32_t>(byPair_.size());
            byPair_.push_back({first, second, {}});
            pairSlots_.insert(hash, i);
        }
        return byPair_[i].entries;
    }

    std::vector<Entry>& headGroup(uint32_t key) {
        uint32_t i = headSlots_.find(mixed(key), [&](uint32_t k) { return byHead_[k].key == key; });
        if (i == HashSlots::kNone) {
            i = static_cast<uint32_t>(byHead_.size());
            byHead_.push_back({key, {}});
            headSlots_.insert(mixed(key), i);
        }
        return byHead_[i].entries;
    }

    std::vector<ByFirst> byFirst_;  // by the exact first word
    HashSlots firstSlots_;
    std::vector<ByPair> byPair_;    // phrases of more words by their first two
    HashSlots pairSlots_;
    std::vector<ByHead> byHead_;    // one-word prefixes by their first bytes
    HashSlots headSlots_;
    std::vector<Entry> shortPrefixes_;  // one-word prefixes shorter than that
    size_t longest_ = 0;
};

}  // namespace kgraph::ingest
