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

// Keys of string lists and where they go.
using Lists = std::initializer_list<std::pair<const char*, std::vector<std::string>*>>;

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
        readOntology(r, base.is_null());
        readEntities(r);
        forEach("groups", [&](const json& g, const std::string& at) {
            Group group;
            group.alias = string(member(g, at, "alias", true), at + "/alias");
            group.members = strings(member(g, at, "members", true), at + "/members");
            for (const auto& m : group.members) known(r, m, at + "/members");
            r.groups.push_back(std::move(group));
        });
        readRoles(r);
        forEach("recognizers", [&](const json& j, const std::string& at) { r.recognizers.push_back(recognizer(r, j, at)); });
        forEach("patterns", [&](const json& j, const std::string& at) { r.patterns.push_back(pattern(r, j, at)); });
        forEach("anaphora", [&](const json& j, const std::string& at) { r.anaphora.push_back(anaphor(r, j, at)); });
        for (auto [key, list] : Lists{{"stopwords", &r.stopwords}, {"titles", &r.titles},
                                 {"descriptors", &r.descriptors}, {"functionWords", &r.functionWords},
                                 {"nounEndings", &r.nounEndings}, {"ignore", &r.ignore},
                                 {"appositions", &r.appositions}})
            append(*list, root_, "", key);
        readPeriods(r.periods);
        return r;
    }

private:
    void readOntology(Rules& r, bool required) {
        const json& labels = member(root_, "", "labels", required);
        if (!labels.is_null())
            for (auto& l : strings(labels, "/labels"))
                if (!r.hasLabel(l)) r.labels.push_back(std::move(l));
        const json& relations = member(root_, "", "relations", required);
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
            if (spec.contains("symmetric")) rs.symmetric = boolean(spec["symmetric"], at + "/symmetric");
            r.relations.push_back(std::move(rs));
        }
    }

    void readEntities(Rules& r) {
        const size_t firstEntity = r.entities.size();
        forEach("entities", [&](const json& e, const std::string& at) {
            GazetteerEntry g;
            g.label = label(r, member(e, at, "label", true), at + "/label");
            g.name = string(member(e, at, "name", true), at + "/name");
            for (auto [key, list] : Lists{{"aliases", &g.aliases}, {"demonyms", &g.demonyms}, {"heads", &g.heads},
                                     {"issuers", &g.issuers}})
                append(*list, e, at, key);
            if (e.contains("capitalOf")) g.capitalOf = string(e["capitalOf"], at + "/capitalOf");
            // A city without listed demonyms has the regular German one: its one-word name or alias and "er"
            // („der Wuhaner Hersteller“, „die Osloer Beteiligungsgesellschaft“).
            if (g.label == "City" && g.demonyms.empty()) {
                auto regular = [&](const std::string& n) {
                    if (!n.empty() && n.find(' ') == std::string::npos && n.back() != 'e' && n.back() != 'r') g.demonyms.push_back(n + "er");
                };
                regular(g.name);
                for (const std::string& a : g.aliases) regular(a);
            }
            if (r.entity(g.name)) fail(at + "/name", fmt::format("entity '{}' is listed twice", g.name));
            r.entities.push_back(std::move(g));
        });
        // Implied relations and issuers name other entities: checked once all are known.
        forEach("entities", [&](const json& e, const std::string& at) {
            GazetteerEntry& g = r.entities[firstEntity + std::stoul(at.substr(at.rfind('/') + 1))];
            for (const auto& issuer : g.issuers) known(r, issuer, at + "/issuers");
            if (!g.capitalOf.empty()) known(r, g.capitalOf, at + "/capitalOf");
            if (!e.contains("implies")) return;
            const json& list = e["implies"];
            if (!list.is_array()) fail(at + "/implies", "must be a list");
            for (size_t i = 0; i < list.size(); ++i) g.implies.push_back(implied(r, list[i], fmt::format("{}/implies/{}", at, i)));
        });
    }

    static ImpliedRelation implied(const Rules& r, const json& j, const std::string& at) {
        ImpliedRelation rel;
        rel.type = type(r, member(j, at, "type", true), at + "/type");
        const bool from = j.contains("from");
        if (from == j.contains("to")) fail(at, "needs either \"from\" or \"to\"");
        rel.otherIsSubject = from;
        rel.other = string(j[from ? "from" : "to"], at + (from ? "/from" : "/to"));
        known(r, rel.other, at);
        return rel;
    }

    void readRoles(Rules& r) {
        forEach("roles", [&](const json& j, const std::string& at) {
            Role role;
            role.name = string(member(j, at, "role", true), at + "/role");
            role.words = strings(member(j, at, "words", true), at + "/words");
            r.roles.push_back(std::move(role));
        });
    }

    static Recognizer recognizer(const Rules& r, const json& j, const std::string& at) {
        Recognizer rec;
        rec.id = string(member(j, at, "id", true), at + "/id");
        rec.label = label(r, member(j, at, "label", true), at + "/label");
        const bool suffixes = j.contains("suffixes"), cues = j.contains("cues"), policy = j.contains("policyHeads");
        if (int(suffixes) + int(cues) + int(policy) != 1) fail(at, "needs one of \"suffixes\", \"cues\", \"policyHeads\"");
        if (policy) {
            rec.kind = Recognizer::Kind::POLICY;
            const json& heads = j["policyHeads"];
            if (!heads.is_object()) fail(at + "/policyHeads", "must map an English head to its forms");
            for (const auto& [head, forms] : heads.items())
                for (const auto& f : strings(forms, at + "/policyHeads/" + head)) {
                    rec.heads.emplace_back(f, head);
                    rec.words.push_back(f);
                }
            const json& issuers = member(j, at, "issuers", true);
            if (!issuers.is_object()) fail(at + "/issuers", "must map an issuer to its English adjective");
            for (const auto& [issuer, adjective] : issuers.items()) {
                known(r, issuer, at + "/issuers");
                rec.issuers.emplace_back(issuer, string(adjective, at + "/issuers/" + issuer));
            }
            if (j.contains("links")) rec.links = strings(j["links"], at + "/links");
            if (j.contains("possessives")) rec.possessives = strings(j["possessives"], at + "/possessives");
            if (j.contains("relation"))  // null: the issuer only names it (a ministry), no relation
                rec.issuerRelation = j["relation"].is_null() ? std::string() : type(r, j["relation"], at + "/relation");
            if (j.contains("toIssuer")) rec.toIssuer = type(r, j["toIssuer"], at + "/toIssuer");
        } else {
            rec.kind = suffixes ? Recognizer::Kind::SUFFIX : Recognizer::Kind::CUE;
            rec.words = strings(j[suffixes ? "suffixes" : "cues"], at + (suffixes ? "/suffixes" : "/cues"));
        }
        rec.lang = lang(j, at);
        if (j.contains("maxWords")) rec.maxWords = integer(j["maxWords"], at + "/maxWords", 1, 12);
        if (j.contains("before")) rec.before = boolean(j["before"], at + "/before");
        if (j.contains("keepSuffix")) rec.keepSuffix = boolean(j["keepSuffix"], at + "/keepSuffix");
        if (j.contains("overPlaces")) rec.overPlaces = boolean(j["overPlaces"], at + "/overPlaces");
        if (j.contains("described")) rec.described = integer(j["described"], at + "/described", 1, 6);
        if (j.contains("dateline")) rec.dateline = boolean(j["dateline"], at + "/dateline");
        if (j.contains("afterKnown")) rec.afterKnown = boolean(j["afterKnown"], at + "/afterKnown");
        if (j.contains("shape")) {
            std::string s = string(j["shape"], at + "/shape");
            if (s == "name") rec.shape = Recognizer::Shape::NAME;
            else if (s == "person") rec.shape = Recognizer::Shape::PERSON;
            else if (s == "product") rec.shape = Recognizer::Shape::PRODUCT;
            else fail(at + "/shape", fmt::format("'{}' is not one of name, person, product", s));
        }
        return rec;
    }

    static Pattern pattern(const Rules& r, const json& j, const std::string& at) {
        Pattern p;
        p.id = string(member(j, at, "id", true), at + "/id");
        p.type = type(r, member(j, at, "type", true), at + "/type");
        const RelationSpec* spec = r.relation(p.type);
        p.lang = lang(j, at);
        const bool triggers = j.contains("triggers"), sequence = j.contains("sequence");
        if (triggers == sequence) fail(at, "needs either \"triggers\" or \"sequence\"");
        if (triggers) {
            p.triggers = strings(j["triggers"], at + "/triggers");
            if (p.triggers.empty()) fail(at + "/triggers", "needs at least one trigger");
        } else {
            p.sequence = strings(j["sequence"], at + "/sequence");
            checkSequence(p.sequence, j.contains("fixedObject"), j.contains("fallbackObject"), j.contains("fallbackSubject"), at + "/sequence");
        }
        p.subjectLabels = j.contains("subject") ? labelList(r, j["subject"], at + "/subject") : spec->from;
        p.objectLabels = j.contains("object") ? labelList(r, j["object"], at + "/object") : spec->to;
        if (j.contains("fixedObject")) p.object = known(r, string(j["fixedObject"], at + "/fixedObject"), at + "/fixedObject");
        if (j.contains("order")) {
            std::string o = string(j["order"], at + "/order");
            if (o == "any") p.order = Pattern::Order::ANY;
            else if (o == "subject-first") p.order = Pattern::Order::SUBJECT_FIRST;
            else if (o == "object-first") p.order = Pattern::Order::OBJECT_FIRST;
            else fail(at + "/order", fmt::format("'{}' is not one of any, subject-first, object-first", o));
        }
        if (j.contains("window")) p.window = integer(j["window"], at + "/window", 1, 60);
        append(p.negations, j, at, "negations");
        append(p.hedges, j, at, "hedges");
        append(p.companions, j, at, "requires");
        append(p.objectMarkers, j, at, "objectMarkers");
        if (j.contains("demonyms")) p.demonyms = boolean(j["demonyms"], at + "/demonyms");
        if (j.contains("allObjects")) p.allObjects = boolean(j["allObjects"], at + "/allObjects");
        if (j.contains("fallbackSubject")) p.fallbackSubject = fallback(j["fallbackSubject"], at + "/fallbackSubject");
        if (j.contains("fallbackObject")) p.fallbackObject = fallback(j["fallbackObject"], at + "/fallbackObject");
        if (j.contains("exceptInverse")) p.exceptInverse = type(r, j["exceptInverse"], at + "/exceptInverse");
        if (j.contains("coordinate")) p.coordinate = boolean(j["coordinate"], at + "/coordinate");
        if (j.contains("endsApart")) p.endsApart = boolean(j["endsApart"], at + "/endsApart");
        return p;
    }

    // A sequence names each end once ("{subject}", "{object}"); gaps are
    // "..N" (any words) or "~N" (words that are not function words), N ≤ 20.
    // Without an object slot the object is fixed or comes from the fallback; without a
    // subject slot the subject comes from the fallback (then the object slot is needed).
    static void checkSequence(const std::vector<std::string>& elements, bool fixedObject, bool fallbackObject, bool fallbackSubject,
                              const std::string& at) {
        int subjects = 0, objects = 0;
        for (size_t i = 0; i < elements.size(); ++i) {
            const std::string& e = elements[i];
            std::string where = fmt::format("{}/{}", at, i);
            if (e.front() == '{') {
                static const std::vector<std::string> kSlots = {
                    "{subject}", "{object}", "{role}", "{cue}", "{subject:demonym}", "{object:demonym}",
                    "{subject:possessive}", "{object:possessive}", "{subject:name}", "{object:name}",
                    "{subject:genitive}", "{object:genitive}", "{subject:description}", "{object:description}", "{subject:first}", "{object:first}"};
                if (std::find(kSlots.begin(), kSlots.end(), e) == kSlots.end()) fail(where, fmt::format("unknown slot '{}'", e));
                subjects += e.starts_with("{subject");
                objects += e.starts_with("{object");
            } else if (e.starts_with("..") || e.front() == '~') {
                std::string_view n = std::string_view(e).substr(e.front() == '~' ? 1 : 2);
                if (n.empty() || n.size() > 2 || !std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
                    std::stoi(std::string(n)) > 20)
                    fail(where, fmt::format("'{}' is not a gap of 0 to 20 words", e));
            }
        }
        if (subjects != 1 && !(fallbackSubject && subjects == 0 && objects == 1)) fail(at, "needs \"{subject}\" once");
        if (fixedObject && objects != 0) fail(at, "has a fixed object: no \"{object}\"");
        if (!fixedObject && objects != 1 && !(fallbackObject && objects == 0)) fail(at, "needs \"{object}\" once");
    }

    static Pattern::Fallback fallback(const json& j, const std::string& at) {
        std::string f = string(j, at);
        if (f == "focus") return Pattern::Fallback::FOCUS;
        if (f == "recent") return Pattern::Fallback::RECENT;
        if (f == "previous") return Pattern::Fallback::PREVIOUS;
        if (f == "prefix") return Pattern::Fallback::PREFIX;
        if (f == "before") return Pattern::Fallback::BEFORE;
        fail(at, fmt::format("'{}' is not one of focus, recent, previous, prefix, before", f));
    }

    // An anaphor is a phrase ("das Unternehmen") or an object with a kind.
    static Anaphor anaphor(const Rules& r, const json& j, const std::string& at) {
        Anaphor a;
        if (j.is_string()) {
            a.phrases.push_back(string(j, at));
            return a;
        }
        if (j.contains("kind")) {
            std::string k = string(j["kind"], at + "/kind");
            if (k == "description") a.kind = Anaphor::Kind::DESCRIPTION;
            else if (k == "pronoun") a.kind = Anaphor::Kind::PRONOUN;
            else if (k == "possessive") a.kind = Anaphor::Kind::POSSESSIVE;
            else if (k == "relative") a.kind = Anaphor::Kind::RELATIVE;
            else fail(at + "/kind", fmt::format("'{}' is not one of description, pronoun, possessive, relative", k));
        }
        if (j.contains("label")) a.label = label(r, j["label"], at + "/label");
        append(a.phrases, j, at, "phrases");
        append(a.heads, j, at, "heads");
        append(a.determiners, j, at, "determiners");
        if (j.contains("demonyms")) a.demonyms = boolean(j["demonyms"], at + "/demonyms");
        if (a.demonyms && (a.kind != Anaphor::Kind::DESCRIPTION || a.determiners.empty()))
            fail(at + "/demonyms", "only a description with \"determiners\" takes \"demonyms\"");
        if (a.phrases.empty() && !a.demonyms && (a.heads.empty() || a.determiners.empty()))
            fail(at, "needs \"phrases\", or \"heads\" with \"determiners\"");
        if (j.contains("prefer")) a.prefer = type(r, j["prefer"], at + "/prefer");
        if (j.contains("preferObject")) a.preferObject = type(r, j["preferObject"], at + "/preferObject");
        if (j.contains("relative")) a.relative = boolean(j["relative"], at + "/relative");
        append(a.verbs, j, at, "verbs");
        if (j.contains("quoted")) a.quoted = boolean(j["quoted"], at + "/quoted");
        if (j.contains("generic")) a.generic = boolean(j["generic"], at + "/generic");
        if (j.contains("count")) a.count = integer(j["count"], at + "/count", 1, 9);
        if (a.quoted && a.kind != Anaphor::Kind::PRONOUN && a.kind != Anaphor::Kind::POSSESSIVE)
            fail(at + "/quoted", "only a pronoun or possessive is \"quoted\"");
        if (!a.verbs.empty() && a.kind != Anaphor::Kind::PRONOUN) fail(at + "/verbs", "only a pronoun takes \"verbs\"");
        return a;
    }

    void readPeriods(PeriodRules& p) {
        const json& j = member(root_, "", "periods", false);
        if (j.is_null()) return;
        const std::string at = "/periods";
        if (j.contains("anaphoric")) {
            const json& list = j["anaphoric"];
            if (!list.is_array()) fail(at + "/anaphoric", "must be a list");
            for (size_t i = 0; i < list.size(); ++i) {
                std::string where = fmt::format("{}/anaphoric/{}", at, i);
                PeriodRules::Anaphoric a;
                a.phrases = strings(member(list[i], where, "phrases", true), where + "/phrases");
                a.unit = string(member(list[i], where, "unit", true), where + "/unit");
                static const std::vector<std::string> kUnits = {"year", "half", "quarter", "month", "day", "span"};
                if (std::find(kUnits.begin(), kUnits.end(), a.unit) == kUnits.end())
                    fail(where + "/unit", fmt::format("'{}' is not one of year, half, quarter, month, day, span", a.unit));
                p.anaphoric.push_back(std::move(a));
            }
        }
        for (auto [key, list] : Lists{{"current", &p.current}, {"fiscalStart", &p.fiscalStart}, {"spans", &p.spans}, {"reporting", &p.reporting},
                                 {"notBareYear", &p.notBareYear}})
            append(*list, j, at, key);
        if (j.contains("bareYears")) p.bareYears = boolean(j["bareYears"], at + "/bareYears") || p.bareYears;
    }

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

    // Appends the strings of object[key], when there is one, to `list`.
    static void append(std::vector<std::string>& list, const json& object, const std::string& at, const char* key) {
        const json& j = member(object, at, key, false);
        if (j.is_null()) return;
        for (auto& s : strings(j, at + "/" + key)) list.push_back(std::move(s));
    }

    static int integer(const json& j, const std::string& at, int lo, int hi) {
        if (!j.is_number_integer() || j.get<int64_t>() < lo || j.get<int64_t>() > hi)
            fail(at, fmt::format("must be an integer from {} to {}", lo, hi));
        return j.get<int>();
    }

    static bool boolean(const json& j, const std::string& at) {
        if (!j.is_boolean()) fail(at, "must be true or false");
        return j.get<bool>();
    }

    static std::string label(const Rules& r, const json& j, const std::string& at) {
        std::string l = string(j, at);
        if (!r.hasLabel(l)) fail(at, fmt::format("unknown label '{}' (the rules' labels: {})", l, fmt::join(r.labels, ", ")));
        return l;
    }

    static std::string type(const Rules& r, const json& j, const std::string& at) {
        std::string t = string(j, at);
        if (!r.relation(t)) fail(at, fmt::format("unknown relationship type '{}'", t));
        return t;
    }

    // `name` when it is a gazetteer entity of `r`.
    static std::string known(const Rules& r, std::string name, const std::string& at) {
        if (!r.entity(name)) fail(at, fmt::format("'{}' is not an entity of these rules", name));
        return name;
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
