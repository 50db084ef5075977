#include "ingest/facts/jsonl_facts.hpp"

#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/text.hpp"
#include "ingest/text/document.hpp"

namespace kgraph::ingest {

namespace {

using nlohmann::json;

// A line's mistake: what is wrong, for "FILE:LINE: what".
struct LineError {
    std::string what;
};

[[noreturn]] void fail(std::string what) { throw LineError{std::move(what)}; }

std::string text(const json& j, const char* key, const char* where, bool required = true) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required) fail(fmt::format("{}: \"{}\" is missing", where, key));
        return {};
    }
    if (!it->is_string() || it->get_ref<const std::string&>().empty())
        fail(fmt::format("{}: \"{}\" must be a non-empty string", where, key));
    return it->get<std::string>();
}

Value toValue(const json& j, const std::string& where) {
    switch (j.type()) {
        case json::value_t::boolean: return Value(j.get<bool>());
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return Value(j.get<int64_t>());
        case json::value_t::number_float: return Value(j.get<double>());
        case json::value_t::string: return Value(j.get<std::string>());
        case json::value_t::array: {
            Value::List list;
            for (const auto& e : j) {
                if (e.is_array() || e.is_object() || e.is_null()) fail(where + ": a list may hold only scalars");
                list.push_back(toValue(e, where));
            }
            return Value(std::move(list));
        }
        default: fail(where + ": must be a boolean, number, string or list of them");
    }
}

Value::Map properties(const json& j, const char* where) {
    Value::Map out;
    auto it = j.find("properties");
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_object()) fail(fmt::format("{}: \"properties\" must be an object", where));
    for (const auto& [k, v] : it->items())
        if (!v.is_null()) out[k] = toValue(v, fmt::format("{}: property \"{}\"", where, k));
    return out;
}

struct EntityRef {
    std::string label, name;
};

EntityRef entityRef(const json& line, const char* key) {
    auto it = line.find(key);
    if (it == line.end() || !it->is_object()) fail(fmt::format("\"{}\" must be an object {{\"label\", \"name\"}}", key));
    return {text(*it, "label", key), text(*it, "name", key)};
}

// The document a line belongs to and its evidence.
struct Source {
    std::string doc;
    Value::Map meta;
    Evidence evidence;
    bool hasEvidence = false;
};

Source source(const json& line, const std::string& fileKey) {
    Source s;
    s.doc = fileKey;
    // Every fact keeps where it came from, with or without a sentence: a
    // re-build of the document must find what it stated to replace it.
    s.hasEvidence = true;
    s.evidence.given = true;
    s.evidence.rule = "facts";
    auto it = line.find("source");
    if (it == line.end() || it->is_null()) return s;
    if (!it->is_object()) fail("\"source\" must be an object");
    const json& j = *it;
    if (auto d = text(j, "doc", "source", false); !d.empty()) s.doc = d;
    for (const char* key : {"title", "url", "published"})
        if (auto v = text(j, key, "source", false); !v.empty()) s.meta[key] = Value(v);
    if (j.contains("rule")) s.evidence.rule = text(j, "rule", "source");
    std::string sentence = text(j, "sentence", "source", false);
    if (!sentence.empty()) {
        s.evidence.sentence = sentence;
        auto offset = [&](const char* key) -> uint32_t {
            auto o = j.find(key);
            if (o == j.end() || o->is_null()) return 0;
            if (!o->is_number_integer() || o->get<int64_t>() < 0 || o->get<int64_t>() > UINT32_MAX)
                fail(fmt::format("source: \"{}\" must be a character offset (an integer from 0)", key));
            return static_cast<uint32_t>(o->get<int64_t>());
        };
        s.evidence.begin = offset("start");
        s.evidence.end = offset("end");
        if (s.evidence.end < s.evidence.begin) fail("source: \"end\" is before \"start\"");
    }
    return s;
}

// Adds an entity to a document's extraction (once per label and name).
size_t addEntity(Extraction& x, const std::string& label, const std::string& name) {
    for (size_t i = 0; i < x.entities.size(); ++i)
        if (x.entities[i].entity.label == label && x.entities[i].entity.name == name) return i;
    x.entities.push_back({{label, name, {}}, {}});
    return x.entities.size() - 1;
}

}  // namespace

Result<FactsFile> readFacts(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::ioError("cannot read the file");
    std::ostringstream all;
    all << in.rdbuf();
    const std::string bytes = all.str();
    if (bytes.empty()) return Status::invalidInput("empty file");
    if (!isValidUtf8(bytes)) return Status::invalidInput("not valid UTF-8 (JSONL facts are UTF-8 text)");

    const std::string fileKey = path.stem().string();
    FactsFile out;
    std::map<std::string, size_t> byKey;
    std::map<std::string, std::string> linesOf;  // per document: its lines, for the hash
    std::istringstream lines(bytes);
    std::string line;
    for (size_t number = 1; std::getline(lines, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        json j;
        try {
            j = json::parse(line);
        } catch (const json::parse_error& e) {
            std::string what = e.what();
            if (auto at = what.find("syntax error"); at != std::string::npos) what = what.substr(at);
            out.errors.push_back(fmt::format("{}: {}", number, what.substr(0, 160)));
            continue;
        }
        // A line whose document cannot be told spoils nothing but itself.
        Source src;
        try {
            if (!j.is_object()) fail("a line must be a JSON object");
            src = source(j, fileKey);
        } catch (const LineError& e) {
            out.errors.push_back(fmt::format("{}: {}", number, e.what));
            continue;
        }
        auto [it, fresh] = byKey.try_emplace(src.doc, out.documents.size());
        if (fresh) {
            out.documents.emplace_back();
            out.documents.back().key = src.doc;
            out.documents.back().extraction.doc = src.doc;
        }
        FactsDocument& doc = out.documents[it->second];
        linesOf[src.doc] += line + '\n';
        for (const auto& [k, v] : src.meta) doc.properties.emplace(k, v);
        if (!doc.error.empty()) continue;
        try {
            Extraction& x = doc.extraction;
            auto note = [&](size_t entity) {
                if (src.hasEvidence) x.entities[entity].evidence.push_back(src.evidence);
            };
            if (j.contains("entity")) {
                if (j.contains("predicate")) fail("a line is an entity or a relation, not both");
                const json& e = j["entity"];
                if (!e.is_object()) fail("\"entity\" must be an object");
                size_t i = addEntity(x, text(e, "label", "entity"), text(e, "name", "entity"));
                if (e.contains("aliases")) {
                    if (!e["aliases"].is_array()) fail("entity: \"aliases\" must be a list of strings");
                    for (const auto& a : e["aliases"]) {
                        if (!a.is_string()) fail("entity: \"aliases\" must be a list of strings");
                        auto& aliases = x.entities[i].entity.aliases;
                        if (std::find(aliases.begin(), aliases.end(), a.get<std::string>()) == aliases.end())
                            aliases.push_back(a.get<std::string>());
                    }
                }
                if (!properties(e, "entity").empty())
                    fail("entity: \"properties\" are not stored yet; put them on relations or leave them out");
                note(i);
            } else if (j.contains("predicate")) {
                std::string type = text(j, "predicate", "line");
                EntityRef s = entityRef(j, "subject"), o = entityRef(j, "object");
                size_t si = addEntity(x, s.label, s.name), oi = addEntity(x, o.label, o.name);
                note(si);
                note(oi);
                ExtractedRelation r{{type, s.name, o.name, properties(j, "line")}, {}};
                if (src.hasEvidence) r.evidence.push_back(src.evidence);
                x.relations.push_back(std::move(r));
            } else {
                fail("a line needs \"entity\", or \"subject\", \"predicate\" and \"object\"");
            }
        } catch (const LineError& e) {
            doc.error = fmt::format("{}: {}", number, e.what);
        }
    }
    for (auto& doc : out.documents) doc.hash = sha256Hex(linesOf[doc.key]);
    return out;
}

}  // namespace kgraph::ingest
