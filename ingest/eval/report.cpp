#include "ingest/eval/report.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kgraph::ingest::eval {

namespace {

using json = nlohmann::ordered_json;

// ------------------------------------------------------------------ table

// Columns a name takes on a terminal: its code points (names are not CJK-wide).
size_t width(std::string_view s) {
    return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string padded(std::string_view s, size_t w) {
    return std::string(s) + std::string(w > width(s) ? w - width(s) : 0, ' ');
}

std::string score(std::optional<double> x) { return x ? fmt::format("{:.3f}", *x) : "-"; }

struct Section {
    std::string_view title;
    const Scores& scores;
};

void appendScoreTable(std::string& out, const std::array<Section, 3>& sections) {
    constexpr std::string_view kIndent = "  ";
    size_t nameWidth = width("type");
    size_t countWidth = width("gold");
    auto widen = [&](const Counts& c) {
        countWidth = std::max({countWidth, fmt::formatted_size("{}", c.gold), fmt::formatted_size("{}", c.predicted),
                               fmt::formatted_size("{}", c.correct)});
    };
    for (const Section& s : sections) {
        nameWidth = std::max(nameWidth, width(s.title));
        widen(s.scores.total);
        for (const auto& [key, counts] : s.scores.byKey) {
            nameWidth = std::max(nameWidth, kIndent.size() + width(key));
            widen(counts);
        }
    }
    // "predicted" and "correct" are wider than most counts; each column is as wide as its heading at least.
    size_t gw = countWidth, pw = std::max(countWidth, width("predicted")), cw = std::max(countWidth, width("correct"));
    auto row = [&](std::string_view name, const Counts& c) {
        out += fmt::format("{}  {:>{}}  {:>{}}  {:>{}}  {:>5}  {:>5}  {:>5}\n", padded(name, nameWidth), c.gold, gw,
                           c.predicted, pw, c.correct, cw, score(c.precision()), score(c.recall()), score(c.f1()));
    };
    out += fmt::format("{}  {:>{}}  {:>{}}  {:>{}}  {:>5}  {:>5}  {:>5}\n", padded("type", nameWidth), "gold", gw,
                       "predicted", pw, "correct", cw, "P", "R", "F1");
    for (const Section& s : sections) {
        row(s.title, s.scores.total);
        for (const auto& [key, counts] : s.scores.byKey) row(std::string(kIndent) + key, counts);
    }
}

void appendDocumentTable(std::string& out, const std::vector<DocumentScores>& documents) {
    if (documents.empty()) return;
    constexpr std::array<std::string_view, 3> kGroups = {"entities", "relations", "properties"};
    constexpr std::array<std::string_view, 3> kColumns = {"gold", "pred", "correct"};
    size_t nameWidth = width("document");
    size_t countWidth = 0;
    for (const DocumentScores& d : documents) {
        nameWidth = std::max(nameWidth, width(d.doc));
        for (const Counts* c : {&d.entities, &d.relations, &d.properties})
            countWidth = std::max({countWidth, fmt::formatted_size("{}", c->gold),
                                   fmt::formatted_size("{}", c->predicted), fmt::formatted_size("{}", c->correct)});
    }
    std::array<size_t, 3> w;
    for (size_t i = 0; i < 3; ++i) w[i] = std::max(countWidth, kColumns[i].size());
    size_t groupWidth = w[0] + w[1] + w[2] + 4;  // three columns two spaces apart

    std::string groups = padded("", nameWidth);
    std::string columns = padded("document", nameWidth);
    for (std::string_view g : kGroups) {
        groups += "  " + padded(g, groupWidth);
        for (size_t i = 0; i < 3; ++i) columns += fmt::format("  {:>{}}", kColumns[i], w[i]);
    }
    while (!groups.empty() && groups.back() == ' ') groups.pop_back();
    out += groups + "\n" + columns + "\n";
    for (const DocumentScores& d : documents) {
        out += padded(d.doc, nameWidth);
        for (const Counts* c : {&d.entities, &d.relations, &d.properties})
            out += fmt::format("  {:>{}}  {:>{}}  {:>{}}", c->gold, w[0], c->predicted, w[1], c->correct, w[2]);
        out += "\n";
    }
}

std::string joined(const std::vector<std::string>& names) { return fmt::format("{}", fmt::join(names, ", ")); }

// ------------------------------------------------------------------ JSON

json scoresJson(const Counts& c, bool withScores) {
    json j = {{"gold", c.gold}, {"predicted", c.predicted}, {"correct", c.correct}};
    if (!withScores) return j;
    auto number = [](std::optional<double> x) { return x ? json(*x) : json(); };
    j["precision"] = number(c.precision());
    j["recall"] = number(c.recall());
    j["f1"] = number(c.f1());
    return j;
}

json kindJson(const Scores& s, const char* byName) {
    json j = scoresJson(s.total, true);
    json by = json::object();
    for (const auto& [key, counts] : s.byKey) by[key] = scoresJson(counts, true);
    j[byName] = std::move(by);
    return j;
}

}  // namespace

std::string formatTable(const Evaluation& e) {
    std::string out;
    appendScoreTable(out, {Section{"entities", e.entities}, Section{"relations", e.relations},
                           Section{"properties", e.properties}});
    if (!e.documents.empty()) out += "\n";
    appendDocumentTable(out, e.documents);

    std::set<std::string> scored;
    for (const DocumentScores& d : e.documents) scored.insert(d.doc);
    std::vector<std::string> empty, skipped;
    for (const std::string& doc : e.missing) (scored.count(doc) != 0 ? empty : skipped).push_back(doc);
    std::string notes;
    if (!empty.empty()) notes += "no prediction, scored as empty: " + joined(empty) + "\n";
    if (!skipped.empty()) notes += "no prediction, not scored: " + joined(skipped) + "\n";
    if (!e.unscored.empty()) notes += "no gold, not scored: " + joined(e.unscored) + "\n";
    if (!notes.empty()) out += "\n" + notes;
    return out;
}

std::string formatJson(const Evaluation& e) {
    json j;
    j["documents"] = e.documents.size();
    j["entities"] = kindJson(e.entities, "by_label");
    j["relations"] = kindJson(e.relations, "by_type");
    j["properties"] = kindJson(e.properties, "by_key");
    json documents = json::array();
    for (const DocumentScores& d : e.documents) {
        documents.push_back({{"doc", d.doc},
                             {"predicted", d.predicted},
                             {"entities", scoresJson(d.entities, false)},
                             {"relations", scoresJson(d.relations, false)},
                             {"properties", scoresJson(d.properties, false)}});
    }
    j["per_document"] = std::move(documents);
    j["missing"] = e.missing;
    j["unscored"] = e.unscored;
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace kgraph::ingest::eval
