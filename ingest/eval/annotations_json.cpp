#include "ingest/eval/annotations_json.hpp"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/text.hpp"

namespace kgraph::ingest::eval {

namespace {

using nlohmann::json;

// Error messages quote at most this much of the input (docs/cli.md).
constexpr size_t kMaxQuoted = 200;

std::string cut(std::string_view s) {
    if (s.size() <= kMaxQuoted) return std::string(s);
    size_t end = kMaxQuoted;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;  // whole characters
    return std::string(s.substr(0, end)) + "...";
}

std::string inQuotes(std::string_view s) { return "'" + cut(s) + "'"; }

// "a string", "a list", ... for "must be X, not Y".
std::string_view kind(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::object: return "an object";
        case json::value_t::array: return "a list";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::binary: return "binary data";
        case json::value_t::discarded: return "nothing";
        default: return "a number";
    }
}

Status bad(std::string message) { return Status::invalidInput(std::move(message)); }

// ------------------------------------------------------------------ JSON -> annotations

// Reads one document object. `at` opens every message ("entity 2: ").
class DocumentReader {
public:
    Result<DocumentAnnotations> read(const json& j) {
        if (!j.is_object()) return bad(fmt::format("expected a JSON object (one document), found {}", kind(j)));
        KG_RETURN_IF_ERROR(checkKeys(j, {"doc", "lang", "entities", "relations"}, ""));
        DocumentAnnotations d;
        KG_RETURN_IF_ERROR(text(j, "doc", "", true, d.doc));
        KG_RETURN_IF_ERROR(text(j, "lang", "", false, d.lang));
        const json* entities = nullptr;
        const json* relations = nullptr;
        KG_RETURN_IF_ERROR(list(j, "entities", "", entities));
        KG_RETURN_IF_ERROR(list(j, "relations", "", relations));
        if (entities != nullptr) {
            for (size_t i = 0; i < entities->size(); ++i) {
                auto e = entity((*entities)[i], fmt::format("entity {}: ", i + 1));
                if (!e) return e.status();
                d.entities.push_back(std::move(*e));
            }
        }
        KG_RETURN_IF_ERROR(checkEntities(d.entities));
        if (relations != nullptr) {
            for (size_t i = 0; i < relations->size(); ++i) {
                auto r = relation((*relations)[i], fmt::format("relation {}: ", i + 1));
                if (!r) return r.status();
                d.relations.push_back(std::move(*r));
            }
        }
        return d;
    }

private:
    static Status checkKeys(const json& object, std::initializer_list<std::string_view> allowed,
                            std::string_view at) {
        for (const auto& member : object.items()) {
            bool known = false;
            for (std::string_view a : allowed) known = known || member.key() == a;
            if (known) continue;
            std::string names;
            for (std::string_view a : allowed) names += fmt::format("{}{}", names.empty() ? "" : ", ", a);
            return bad(fmt::format("{}unknown key {} (the keys are {})", at, inQuotes(member.key()), names));
        }
        return Status::ok();
    }

    // A string member; a required one must be there and not empty.
    static Status text(const json& object, const char* key, std::string_view at, bool required, std::string& out) {
        auto it = object.find(key);
        if (it == object.end()) return required ? bad(fmt::format("{}missing '{}'", at, key)) : Status::ok();
        if (!it->is_string()) return bad(fmt::format("{}'{}' must be a string, not {}", at, key, kind(*it)));
        out = it->get<std::string>();
        if (required && out.empty()) return bad(fmt::format("{}'{}' is empty", at, key));
        return Status::ok();
    }

    // An optional list member; `out` stays null when it is absent.
    static Status list(const json& object, const char* key, std::string_view at, const json*& out) {
        auto it = object.find(key);
        if (it == object.end()) return Status::ok();
        if (!it->is_array()) return bad(fmt::format("{}'{}' must be a list, not {}", at, key, kind(*it)));
        out = &*it;
        return Status::ok();
    }

    Result<EntityAnnotation> entity(const json& j, const std::string& at) {
        if (!j.is_object()) return bad(fmt::format("{}must be an object, not {}", at, kind(j)));
        KG_RETURN_IF_ERROR(checkKeys(j, {"label", "name", "aliases"}, at));
        EntityAnnotation e;
        KG_RETURN_IF_ERROR(text(j, "label", at, true, e.label));
        KG_RETURN_IF_ERROR(text(j, "name", at, true, e.name));
        const json* aliases = nullptr;
        KG_RETURN_IF_ERROR(list(j, "aliases", at, aliases));
        if (aliases != nullptr) {
            for (const json& a : *aliases) {
                if (!a.is_string()) return bad(fmt::format("{}'aliases' must hold strings, not {}", at, kind(a)));
                e.aliases.push_back(a.get<std::string>());
            }
        }
        return e;
    }

    // Entities are a set: the same label and normalised name twice is a mistake.
    Status checkEntities(const std::vector<EntityAnnotation>& entities) {
        std::map<std::pair<std::string, std::string>, size_t> seen;
        for (size_t i = 0; i < entities.size(); ++i) {
            std::string key = normalizeName(entities[i].name);
            auto [it, added] = seen.emplace(std::pair{entities[i].label, key}, i + 1);
            if (!added)
                return bad(fmt::format("entity {}: {} {} is listed twice (also entity {})", i + 1, entities[i].label,
                                       inQuotes(entities[i].name), it->second));
            names_.insert(std::move(key));
        }
        return Status::ok();
    }

    Result<RelationAnnotation> relation(const json& j, const std::string& at) {
        if (!j.is_object()) return bad(fmt::format("{}must be an object, not {}", at, kind(j)));
        KG_RETURN_IF_ERROR(checkKeys(j, {"type", "subject", "object", "properties"}, at));
        RelationAnnotation r;
        KG_RETURN_IF_ERROR(text(j, "type", at, true, r.type));
        KG_RETURN_IF_ERROR(text(j, "subject", at, true, r.subject));
        KG_RETURN_IF_ERROR(text(j, "object", at, true, r.object));
        for (const auto* end : {&r.subject, &r.object}) {
            if (names_.count(normalizeName(*end)) == 0)
                return bad(fmt::format("{}{} {} is not among the entities", at, end == &r.subject ? "subject" : "object",
                                       inQuotes(*end)));
        }
        auto it = j.find("properties");
        if (it != j.end()) {
            if (!it->is_object())
                return bad(fmt::format("{}'properties' must be an object, not {}", at, kind(*it)));
            for (const auto& member : it->items()) {
                auto v = propertyValue(member.value(), fmt::format("{}property {}: ", at, inQuotes(member.key())), true);
                if (!v) return v.status();
                r.properties.emplace(member.key(), std::move(*v));
            }
        }
        return r;
    }

    // A property value: a number, string or boolean, or (at the top) a list of them.
    static Result<Value> propertyValue(const json& j, const std::string& at, bool listAllowed) {
        switch (j.type()) {
            case json::value_t::boolean: return Value(j.get<bool>());
            case json::value_t::string: return Value(j.get<std::string>());
            case json::value_t::number_integer: return Value(j.get<int64_t>());
            case json::value_t::number_float: return Value(j.get<double>());
            case json::value_t::number_unsigned: {
                auto u = j.get<uint64_t>();
                if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                    return bad(fmt::format("{}{} is past the largest integer, {}", at, u,
                                           std::numeric_limits<int64_t>::max()));
                return Value(static_cast<int64_t>(u));
            }
            case json::value_t::array: {
                if (!listAllowed) break;
                Value::List items;
                for (const json& item : j) {
                    auto v = propertyValue(item, at, false);
                    if (!v) return v.status();
                    items.push_back(std::move(*v));
                }
                return Value(std::move(items));
            }
            default: break;
        }
        return bad(fmt::format("{}{} is not a property value (a number, string or boolean, or a list of them)", at,
                               j.is_array() ? "a list inside a list" : kind(j)));
    }

    std::set<std::string> names_;  // normalised entity names of the document
};

// "LINE:COL" of the 1-based byte offset nlohmann reports for a parse error in
// `text`, which starts on line `firstLine` of its file.
std::string position(std::string_view text, size_t byte, size_t firstLine) {
    size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
    size_t line = firstLine;
    size_t lineStart = 0;
    for (size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return fmt::format("{}:{}", line, end - lineStart + 1);
}

// What nlohmann says after its "[json.exception.parse_error.101] parse error at line 1, column 5: ".
std::string parseErrorDetail(const json::parse_error& e) {
    std::string_view what = e.what();
    size_t colon = what.find(": ");
    return cut(colon == std::string_view::npos ? what : what.substr(colon + 2));
}

Result<json> parseJson(std::string_view text, std::string_view name, size_t firstLine = 1) {
    try {
        return json::parse(text, nullptr, true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        return bad(fmt::format("{}:{}: {}", name, position(text, e.byte, firstLine), parseErrorDetail(e)));
    }
}

bool isBlank(std::string_view line) {
    size_t i = line.find_first_not_of(" \t\r\f\v");
    return i == std::string_view::npos || line.substr(i).starts_with("//");
}

std::vector<std::string_view> splitLines(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start <= text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

// JSON lines: one document per line, errors named "FILE:LINE:".
Result<std::vector<DocumentAnnotations>> parseLines(const std::vector<std::string_view>& lines, std::string_view name) {
    std::vector<DocumentAnnotations> docs;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (isBlank(lines[i])) continue;
        auto j = parseJson(lines[i], name, i + 1);
        if (!j) return j.status();
        auto d = DocumentReader().read(*j);
        if (!d) return d.status().withContext(fmt::format("{}:{}: ", name, i + 1));
        docs.push_back(std::move(*d));
    }
    return docs;
}

// ------------------------------------------------------------------ annotations -> JSON

json valueJson(const Value& v) {
    switch (v.type()) {
        case Value::Type::BOOL: return v.asBool();
        case Value::Type::INT: return v.asInt();
        case Value::Type::FLOAT: return std::isfinite(v.asFloat()) ? json(v.asFloat()) : json();
        case Value::Type::STRING: return v.asString();
        case Value::Type::LIST: {
            json list = json::array();
            for (const Value& item : v.asList()) list.push_back(valueJson(item));
            return list;
        }
        case Value::Type::MAP: {
            json map = json::object();
            for (const auto& [key, item] : v.asMap()) map[key] = valueJson(item);
            return map;
        }
        default: return nullptr;  // null; references never are properties
    }
}

}  // namespace

std::string toJson(const DocumentAnnotations& doc) {
    nlohmann::ordered_json j;
    j["doc"] = doc.doc;
    j["lang"] = doc.lang;
    j["entities"] = nlohmann::ordered_json::array();
    for (const EntityAnnotation& e : doc.entities)
        j["entities"].push_back({{"label", e.label}, {"name", e.name}, {"aliases", e.aliases}});
    j["relations"] = nlohmann::ordered_json::array();
    for (const RelationAnnotation& r : doc.relations) {
        nlohmann::ordered_json properties = nlohmann::ordered_json::object();
        for (const auto& [key, value] : r.properties) properties[key] = valueJson(value);
        j["relations"].push_back(
            {{"type", r.type}, {"subject", r.subject}, {"object", r.object}, {"properties", std::move(properties)}});
    }
    // Text that is not UTF-8 is written with U+FFFD rather than refused.
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Result<std::vector<DocumentAnnotations>> parseAnnotations(std::string_view text, std::string_view name) {
    std::vector<std::string_view> lines = splitLines(text);
    std::vector<size_t> used;  // lines that are not blank
    for (size_t i = 0; i < lines.size(); ++i)
        if (!isBlank(lines[i])) used.push_back(i);
    if (used.empty()) return bad(fmt::format("{}: holds no document", name));

    auto whole = parseJson(text, name);
    if (whole) {
        auto d = DocumentReader().read(*whole);
        if (!d) return d.status().withContext(fmt::format("{}: ", name));
        return std::vector<DocumentAnnotations>{std::move(*d)};
    }
    // Not one value: JSON lines when the first line is a whole object of its
    // own, else the error stands (an object spread over lines, broken).
    if (used.size() > 1) {
        auto first = parseJson(lines[used[0]], name);
        if (first && first->is_object()) return parseLines(lines, name);
    }
    return whole.status();
}

Result<std::vector<DocumentAnnotations>> readAnnotationsFile(const std::filesystem::path& path) {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) return Status::notFound(fmt::format("{}: no such file", path.string()));
    if (std::filesystem::is_directory(status))
        return bad(fmt::format("{}: is a directory, not a file", path.string()));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || in.bad()) return Status::ioError(fmt::format("{}: cannot be read", path.string()));
    return parseAnnotations(text.view(), path.string());
}

}  // namespace kgraph::ingest::eval
