#include "ingest/extract/rules.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kgraph::ingest {

// Generated from default_rules.json at build time (CMakeLists.txt).
extern const char* const kDefaultRulesJson;

const RelationSpec* Rules::relation(std::string_view type) const {
    for (const auto& r : relations)
        if (r.type == type) return &r;
    return nullptr;
}

const GazetteerEntry* Rules::entity(std::string_view name) const {
    for (const auto& e : entities)
        if (e.name == name) return &e;
    return nullptr;
}

bool Rules::hasLabel(std::string_view label) const {
    return std::find(labels.begin(), labels.end(), label) != labels.end();
}

namespace {

using nlohmann::json;

// A failure at a place in the document: "/patterns/2/type: unknown type 'X'".
struct RulesError {
    std::string where, what;
};

class Reader {
public:
    explicit Reader(const json& root) : root_(root) {}

    Rules read() {
        // "extends": "default" starts from the shipped rules; what follows adds to them.
        Rules r;
        const json& base = member(root_, "", "extends", false);
        if (!base.is_null()) {
            if (string(base, "/extends") != "default") fail("/extends", "only \"default\" can be extended");
            r = defaultRules();
        }
        const json& labels = member(root_, "", "labels", base.is_null());
        if (!labels.is_null())
            for (auto& l : strings(labels, "/labels"))
                if (!r.hasLabel(l)) r.labels.push_back(std::move(l));
        const json& relations = member(root_, "", "relations", base.is_null());
        if (!relations.is_null() && !relations.is_object()) fail("/relations", "must be an object of relationship types");
        static const json kNoRelations = json::object();
        for (const auto& [type, spec] : (relations.is_null() ? kNoRelations : relations).items()) {
            std::string at = "/relations/" + type;
            if (r.relation(type)) fail(at, fmt::format("relationship type '{}' is defined already", type));
            RelationSpec rs;
            rs.type = type;
            rs.from = labelList(r, member(spec, at, "from", true), at + "/from");
            rs.to = labelList(r, member(spec, at, "to", true), at + "/to");
            if (spec.contains("properties")) rs.properties = strings(spec["properties"], at + "/properties");
            r.relations.push_back(std::move(rs));
        }
        const size_t firstEntity = r.entities.size();
        forEach("entities", [&](const json& e, const std::string& at) {
            GazetteerEntry g;
            g.label = label(r, member(e, at, "label", true), at + "/label");
            g.name = string(member(e, at, "name", true), at + "/name");
            if (e.contains("aliases")) g.aliases = strings(e["aliases"], at + "/aliases");
            if (r.entity(g.name)) fail(at + "/name", fmt::format("entity '{}' is listed twice", g.name));
            r.entities.push_back(std::move(g));
        });
        // Implied relations name other entities: checked once all are known.
        forEach("entities", [&](const json& e, const std::string& at) {
            if (!e.contains("implies")) return;
            GazetteerEntry& g = r.entities[firstEntity + std::stoul(at.substr(at.rfind('/') + 1))];
            const json& list = e["implies"];
            if (!list.is_array()) fail(at + "/implies", "must be a list");
            for (size_t i = 0; i < list.size(); ++i) {
                std::string where = fmt::format("{}/implies/{}", at, i);
                ImpliedRelation rel;
                rel.type = string(member(list[i], where, "type", true), where + "/type");
                if (!r.relation(rel.type)) fail(where + "/type", fmt::format("unknown relationship type '{}'", rel.type));
                const bool from = list[i].contains("from");
                if (from == list[i].contains("to")) fail(where, "needs either \"from\" or \"to\"");
                rel.otherIsSubject = from;
                rel.other = string(list[i][from ? "from" : "to"], where + (from ? "/from" : "/to"));
                if (!r.entity(rel.other)) fail(where, fmt::format("'{}' is not an entity of these rules", rel.other));
                g.implies.push_back(std::move(rel));
            }
        });
        forEach("groups", [&](const json& g, const std::string& at) {
            Group group;
            group.alias = string(member(g, at, "alias", true), at + "/alias");
            group.members = strings(member(g, at, "members", true), at + "/members");
            for (const auto& m : group.members)
                if (!r.entity(m)) fail(at + "/members", fmt::format("'{}' is not an entity of these rules", m));
            r.groups.push_back(std::move(group));
        });
        forEach("recognizers", [&](const json& j, const std::string& at) {
            Recognizer rec;
            rec.id = string(member(j, at, "id", true), at + "/id");
            rec.label = label(r, member(j, at, "label", true), at + "/label");
            const bool suffixes = j.contains("suffixes"), cues = j.contains("cues");
            if (suffixes == cues) fail(at, "needs either \"suffixes\" or \"cues\"");
            rec.kind = suffixes ? Recognizer::Kind::SUFFIX : Recognizer::Kind::CUE;
            rec.words = strings(j[suffixes ? "suffixes" : "cues"], at + (suffixes ? "/suffixes" : "/cues"));
            rec.lang = lang(j, at);
            if (j.contains("maxWords")) rec.maxWords = integer(j["maxWords"], at + "/maxWords", 1, 12);
            r.recognizers.push_back(std::move(rec));
        });
        forEach("patterns", [&](const json& j, const std::string& at) {
            Pattern p;
            p.id = string(member(j, at, "id", true), at + "/id");
            p.type = string(member(j, at, "type", true), at + "/type");
            const RelationSpec* spec = r.relation(p.type);
            if (!spec) fail(at + "/type", fmt::format("unknown relationship type '{}'", p.type));
            p.lang = lang(j, at);
            p.triggers = strings(member(j, at, "triggers", true), at + "/triggers");
            if (p.triggers.empty()) fail(at + "/triggers", "needs at least one trigger");
            p.subjectLabels = j.contains("subject") ? labelList(r, j["subject"], at + "/subject") : spec->from;
            p.objectLabels = j.contains("object") ? labelList(r, j["object"], at + "/object") : spec->to;
            if (j.contains("fixedObject")) {
                p.object = string(j["fixedObject"], at + "/fixedObject");
                if (!r.entity(*p.object)) fail(at + "/fixedObject", fmt::format("'{}' is not an entity of these rules", *p.object));
            }
            if (j.contains("order")) {
                std::string o = string(j["order"], at + "/order");
                if (o == "any") p.order = Pattern::Order::ANY;
                else if (o == "subject-first") p.order = Pattern::Order::SUBJECT_FIRST;
                else if (o == "object-first") p.order = Pattern::Order::OBJECT_FIRST;
                else fail(at + "/order", fmt::format("'{}' is not one of any, subject-first, object-first", o));
            }
            if (j.contains("window")) p.window = integer(j["window"], at + "/window", 1, 60);
            if (j.contains("negations")) p.negations = strings(j["negations"], at + "/negations");
            r.patterns.push_back(std::move(p));
        });
        if (root_.contains("anaphora"))
            for (auto& a : strings(root_["anaphora"], "/anaphora")) r.anaphora.push_back(std::move(a));
        if (root_.contains("stopwords"))
            for (auto& w : strings(root_["stopwords"], "/stopwords")) r.stopwords.push_back(std::move(w));
        return r;
    }

private:
    [[noreturn]] static void fail(std::string where, std::string what) {
        throw RulesError{where.empty() ? "/" : std::move(where), std::move(what)};
    }

    static const json& member(const json& object, const std::string& at, const char* key, bool required) {
        static const json kNull;
        if (!object.is_object()) fail(at, "must be an object");
        auto it = object.find(key);
        if (it == object.end()) {
            if (required) fail(at, fmt::format("\"{}\" is missing", key));
            return kNull;
        }
        return *it;
    }

    static std::string string(const json& j, const std::string& at) {
        if (!j.is_string() || j.get_ref<const std::string&>().empty()) fail(at, "must be a non-empty string");
        return j.get<std::string>();
    }

    static std::vector<std::string> strings(const json& j, const std::string& at) {
        if (!j.is_array()) fail(at, "must be a list of strings");
        std::vector<std::string> out;
        for (size_t i = 0; i < j.size(); ++i) out.push_back(string(j[i], fmt::format("{}/{}", at, i)));
        return out;
    }

    static int integer(const json& j, const std::string& at, int lo, int hi) {
        if (!j.is_number_integer() || j.get<int64_t>() < lo || j.get<int64_t>() > hi)
            fail(at, fmt::format("must be an integer from {} to {}", lo, hi));
        return j.get<int>();
    }

    static std::string label(const Rules& r, const json& j, const std::string& at) {
        std::string l = string(j, at);
        if (!r.hasLabel(l)) fail(at, fmt::format("unknown label '{}' (the rules' labels: {})", l, fmt::join(r.labels, ", ")));
        return l;
    }

    static std::vector<std::string> labelList(const Rules& r, const json& j, const std::string& at) {
        std::vector<std::string> out;
        if (!j.is_array()) fail(at, "must be a list of labels");
        for (size_t i = 0; i < j.size(); ++i) out.push_back(label(r, j[i], fmt::format("{}/{}", at, i)));
        return out;
    }

    static std::optional<Lang> lang(const json& j, const std::string& at) {
        if (!j.contains("lang")) return std::nullopt;
        auto l = parseLang(string(j["lang"], at + "/lang"));
        if (!l) fail(at + "/lang", "must be \"de\" or \"en\"");
        return l;
    }

    template <typename F>
    void forEach(const char* key, F&& each) {
        const json& list = member(root_, "", key, false);
        if (list.is_null()) return;
        std::string at = std::string("/") + key;
        if (!list.is_array()) fail(at, "must be a list");
        for (size_t i = 0; i < list.size(); ++i) each(list[i], fmt::format("{}/{}", at, i));
    }

    const json& root_;
};

// "line L:C" of a byte offset, for syntax errors.
std::pair<size_t, size_t> lineColumn(std::string_view text, size_t offset) {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

}  // namespace

Result<Rules> parseRules(std::string_view text, std::string_view origin) {
    json root;
    try {
        root = json::parse(text.begin(), text.end(), nullptr, true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        auto [line, column] = lineColumn(text, e.byte > 0 ? e.byte - 1 : 0);
        std::string what = e.what();
        // nlohmann's message: "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
        if (auto colon = what.find("syntax error"); colon != std::string::npos) what = what.substr(colon);
        return Status::invalidInput(fmt::format("{}:{}:{}: {}", origin, line, column, what));
    }
    try {
        return Reader(root).read();
    } catch (const RulesError& e) {
        return Status::invalidInput(fmt::format("{}: {}: {}", origin, e.where, e.what));
    }
}

Result<Rules> loadRules(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::ioError(fmt::format("cannot read rules file {}", path.string()));
    std::ostringstream text;
    text << in.rdbuf();
    return parseRules(text.str(), path.string());
}

const Rules& defaultRules() {
    static const Rules rules = [] {
        Result<Rules> r = parseRules(kDefaultRulesJson, "default_rules.json");
        // The build tests the shipped file; a failure here is a bug in it.
        if (!r) throw std::logic_error(r.status().message());
        return std::move(r).value();
    }();
    return rules;
}

}  // namespace kgraph::ingest
