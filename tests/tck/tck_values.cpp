#include "tck_values.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace tck {

namespace {

class Reader {
public:
    explicit Reader(const std::string& s) : s_(s) {}

    std::optional<Expected> value() {
        skip();
        if (at("null")) return word("null", kgraph::Value());
        if (at("true")) return word("true", kgraph::Value(true));
        if (at("false")) return word("false", kgraph::Value(false));
        if (at("NaN")) return word("NaN", kgraph::Value(std::nan("")));
        if (at("Infinity")) return word("Infinity", kgraph::Value(std::numeric_limits<double>::infinity()));
        if (at("-Infinity")) return word("-Infinity", kgraph::Value(-std::numeric_limits<double>::infinity()));
        if (p_ >= s_.size()) return std::nullopt;
        char c = s_[p_];
        if (c == '\'' || c == '"') return string();
        if (c == '-' || c == '+' || c == '.' || std::isdigit(static_cast<unsigned char>(c))) return number();
        if (c == '[') {
            size_t save = p_;
            ++p_;
            skip();
            if (p_ < s_.size() && s_[p_] == ':') {
                p_ = save;
                return relationship();
            }
            p_ = save;
            return list();
        }
        if (c == '{') return map();
        if (c == '(') return node();
        if (c == '<') return path();
        return std::nullopt;
    }

    bool done() {
        skip();
        return p_ == s_.size();
    }

private:
    void skip() {
        while (p_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[p_]))) ++p_;
    }
    bool at(const char* w) const { return s_.compare(p_, std::char_traits<char>::length(w), w) == 0; }
    bool eat(char c) {
        skip();
        if (p_ < s_.size() && s_[p_] == c) {
            ++p_;
            return true;
        }
        return false;
    }
    std::optional<Expected> word(const char* w, kgraph::Value v) {
        p_ += std::char_traits<char>::length(w);
        Expected e;
        e.scalar = std::move(v);
        return e;
    }
    std::optional<Expected> string() {
        char quote = s_[p_++];
        std::string out;
        while (p_ < s_.size() && s_[p_] != quote) {
            char c = s_[p_++];
            if (c == '\\' && p_ < s_.size()) {
                char e = s_[p_++];
                switch (e) {
                    case 'n': out += '\n'; break;
                    case 't': out += '\t'; break;
                    case 'r': out += '\r'; break;
                    default: out += e;
                }
            } else {
                out += c;
            }
        }
        if (p_ >= s_.size()) return std::nullopt;
        ++p_;
        Expected e;
        e.scalar = kgraph::Value(out);
        return e;
    }
    std::optional<Expected> number() {
        size_t start = p_;
        if (s_[p_] == '-' || s_[p_] == '+') ++p_;
        bool isFloat = false;
        while (p_ < s_.size()) {
            char c = s_[p_];
            if (std::isdigit(static_cast<unsigned char>(c))) {
                ++p_;
            } else if (c == '.' || c == 'e' || c == 'E') {
                isFloat = true;
                ++p_;
                if ((c == 'e' || c == 'E') && p_ < s_.size() && (s_[p_] == '-' || s_[p_] == '+')) ++p_;
            } else {
                break;
            }
        }
        std::string t = s_.substr(start, p_ - start);
        Expected e;
        if (isFloat) {
            e.scalar = kgraph::Value(std::strtod(t.c_str(), nullptr));
        } else {
            errno = 0;
            long long v = std::strtoll(t.c_str(), nullptr, 10);
            if (errno) return std::nullopt;
            e.scalar = kgraph::Value(static_cast<int64_t>(v));
        }
        return e;
    }
    std::optional<std::string> key() {
        skip();
        std::string k;
        if (p_ < s_.size() && s_[p_] == '`') {
            ++p_;
            while (p_ < s_.size() && s_[p_] != '`') k += s_[p_++];
            ++p_;
            return k;
        }
        while (p_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[p_])) || s_[p_] == '_' ||
                                  static_cast<unsigned char>(s_[p_]) >= 0x80))
            k += s_[p_++];
        if (k.empty()) return std::nullopt;
        return k;
    }
    std::optional<Expected> list() {
        ++p_;
        Expected e;
        e.kind = Expected::Kind::LIST;
        if (eat(']')) return e;
        do {
            auto v = value();
            if (!v) return std::nullopt;
            e.items.push_back(std::move(*v));
        } while (eat(','));
        if (!eat(']')) return std::nullopt;
        return e;
    }
    bool entries(Expected& e) {
        ++p_;
        if (eat('}')) return true;
        do {
            auto k = key();
            if (!k || !eat(':')) return false;
            auto v = value();
            if (!v) return false;
            e.entries.emplace_back(*k, std::move(*v));
        } while (eat(','));
        return eat('}');
    }
    std::optional<Expected> map() {
        Expected e;
        e.kind = Expected::Kind::MAP;
        if (!entries(e)) return std::nullopt;
        return e;
    }
    std::optional<Expected> node() {
        ++p_;
        Expected e;
        e.kind = Expected::Kind::NODE;
        while (eat(':')) {
            auto l = key();
            if (!l) return std::nullopt;
            e.labels.push_back(*l);
        }
        skip();
        if (p_ < s_.size() && s_[p_] == '{' && !entries(e)) return std::nullopt;
        if (!eat(')')) return std::nullopt;
        return e;
    }
    std::optional<Expected> relationship() {
        ++p_;
        Expected e;
        e.kind = Expected::Kind::RELATIONSHIP;
        if (!eat(':')) return std::nullopt;
        auto t = key();
        if (!t) return std::nullopt;
        e.labels.push_back(*t);
        skip();
        if (p_ < s_.size() && s_[p_] == '{' && !entries(e)) return std::nullopt;
        if (!eat(']')) return std::nullopt;
        return e;
    }
    std::optional<Expected> path() {
        ++p_;
        Expected e;
        e.kind = Expected::Kind::PATH;
        skip();
        auto first = node();
        if (!first) return std::nullopt;
        e.items.push_back(std::move(*first));
        for (;;) {
            skip();
            if (eat('>')) return e;
            bool backward = false;
            if (at("<-")) {
                backward = true;
                p_ += 2;
            } else if (!eat('-')) {
                return std::nullopt;
            }
            skip();
            auto rel = relationship();
            if (!rel) return std::nullopt;
            skip();
            if (at("->")) {
                if (backward) return std::nullopt;
                p_ += 2;
            } else if (!eat('-')) {
                return std::nullopt;
            }
            skip();
            auto next = node();
            if (!next) return std::nullopt;
            e.items.push_back(std::move(*rel));
            e.items.push_back(std::move(*next));
            e.forward.push_back(!backward);
        }
    }

    const std::string& s_;
    size_t p_ = 0;
};

bool match(const kgraph::Value& a, const Expected& e, const kgraph::QueryResult& r, bool unorderedLists);

bool matchProps(const kgraph::Value::Map& props, const Expected& e, const kgraph::QueryResult& r) {
    if (props.size() != e.entries.size()) return false;
    for (const auto& [k, v] : e.entries) {
        auto it = props.find(k);
        if (it == props.end() || !match(it->second, v, r, false)) return false;
    }
    return true;
}

bool matchNode(uint64_t id, const Expected& e, const kgraph::QueryResult& r) {
    auto it = r.nodes.find(id);
    if (it == r.nodes.end() || e.kind != Expected::Kind::NODE) return false;
    std::vector<std::string> want = e.labels, have = it->second.labels;
    std::sort(want.begin(), want.end());
    std::sort(have.begin(), have.end());
    return want == have && matchProps(it->second.properties, e, r);
}

bool matchRel(uint64_t id, const Expected& e, const kgraph::QueryResult& r) {
    auto it = r.relationships.find(id);
    if (it == r.relationships.end() || e.kind != Expected::Kind::RELATIONSHIP) return false;
    return it->second.type == e.labels[0] && matchProps(it->second.properties, e, r);
}

bool matchList(const kgraph::Value::List& a, const std::vector<Expected>& e, const kgraph::QueryResult& r,
               bool unordered) {
    if (a.size() != e.size()) return false;
    if (!unordered) {
        for (size_t i = 0; i < a.size(); ++i)
            if (!match(a[i], e[i], r, false)) return false;
        return true;
    }
    std::vector<bool> used(a.size(), false);
    for (const auto& want : e) {
        bool found = false;
        for (size_t i = 0; i < a.size() && !found; ++i)
            if (!used[i] && match(a[i], want, r, true)) used[i] = found = true;
        if (!found) return false;
    }
    return true;
}

bool match(const kgraph::Value& a, const Expected& e, const kgraph::QueryResult& r, bool unorderedLists) {
    using T = kgraph::Value::Type;
    switch (e.kind) {
        case Expected::Kind::SCALAR: {
            const kgraph::Value& w = e.scalar;
            if (w.type() != a.type()) return false;
            if (w.isFloat()) {
                double x = a.asFloat(), y = w.asFloat();
                if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
                // The TCK prints floats in their shortest form; allow its last digit.
                return x == y || std::fabs(x - y) <= 1e-12 * std::max(std::fabs(x), std::fabs(y));
            }
            return a == w;
        }
        case Expected::Kind::LIST: return a.type() == T::LIST && matchList(a.asList(), e.items, r, unorderedLists);
        case Expected::Kind::MAP: return a.type() == T::MAP && matchProps(a.asMap(), e, r);
        case Expected::Kind::NODE: return a.isNode() && matchNode(a.asNode().id, e, r);
        case Expected::Kind::RELATIONSHIP: return a.isRelationship() && matchRel(a.asRelationship().id, e, r);
        case Expected::Kind::PATH: {
            if (!a.isPath()) return false;
            const auto& p = a.asPath();
            if (p.nodes.size() * 2 - 1 != e.items.size()) return false;
            for (size_t i = 0; i < p.nodes.size(); ++i)
                if (!matchNode(p.nodes[i], e.items[2 * i], r)) return false;
            for (size_t i = 0; i < p.relationships.size(); ++i) {
                if (!matchRel(p.relationships[i], e.items[2 * i + 1], r)) return false;
                const auto& rel = r.relationships.at(p.relationships[i]);
                bool forward = rel.start == p.nodes[i] && rel.end == p.nodes[i + 1];
                bool backward = rel.end == p.nodes[i] && rel.start == p.nodes[i + 1];
                if (e.forward[i] ? !forward : !backward) return false;
            }
            return true;
        }
    }
    return false;
}

std::string show(const kgraph::Value& v, const kgraph::QueryResult& r) {
    if (v.isNode()) {
        auto it = r.nodes.find(v.asNode().id);
        if (it == r.nodes.end()) return "(?)";
        std::string s = "(";
        for (const auto& l : it->second.labels) s += ":" + l;
        if (!it->second.properties.empty()) s += " " + kgraph::Value(it->second.properties).toString();
        return s + ")";
    }
    if (v.isRelationship()) {
        auto it = r.relationships.find(v.asRelationship().id);
        if (it == r.relationships.end()) return "[?]";
        std::string s = "[:" + it->second.type;
        if (!it->second.properties.empty()) s += " " + kgraph::Value(it->second.properties).toString();
        return s + "]";
    }
    if (v.isList()) {
        std::string s = "[";
        for (size_t i = 0; i < v.asList().size(); ++i) s += (i ? ", " : "") + show(v.asList()[i], r);
        return s + "]";
    }
    return v.toString();
}

}  // namespace

std::optional<Expected> parseExpected(const std::string& text) {
    Reader reader(text);
    auto v = reader.value();
    if (!v || !reader.done()) return std::nullopt;
    return v;
}

std::optional<kgraph::Value> toValue(const Expected& e) {
    switch (e.kind) {
        case Expected::Kind::SCALAR: return e.scalar;
        case Expected::Kind::LIST: {
            kgraph::Value::List out;
            for (const auto& item : e.items) {
                auto v = toValue(item);
                if (!v) return std::nullopt;
                out.push_back(std::move(*v));
            }
            return kgraph::Value(std::move(out));
        }
        case Expected::Kind::MAP: {
            kgraph::Value::Map out;
            for (const auto& [k, item] : e.entries) {
                auto v = toValue(item);
                if (!v) return std::nullopt;
                out.insert_or_assign(k, std::move(*v));
            }
            return kgraph::Value(std::move(out));
        }
        default: return std::nullopt;
    }
}

std::string compareResult(const kgraph::QueryResult& result, const std::vector<std::vector<std::string>>& table,
                          bool ordered, bool ignoreListOrder) {
    if (table.empty()) return "the expected table is missing";
    const auto& header = table[0];
    if (header != result.columns) {
        std::string have;
        for (const auto& c : result.columns) have += (have.empty() ? "" : ", ") + c;
        std::string want;
        for (const auto& c : header) want += (want.empty() ? "" : ", ") + c;
        return "columns: expected [" + want + "], got [" + have + "]";
    }
    std::vector<std::vector<Expected>> rows;
    for (size_t i = 1; i < table.size(); ++i) {
        std::vector<Expected> row;
        for (const auto& cell : table[i]) {
            auto v = parseExpected(cell);
            if (!v) return "cannot read the expected value " + cell;
            row.push_back(std::move(*v));
        }
        rows.push_back(std::move(row));
    }
    auto rowText = [&](const std::vector<kgraph::Value>& row) {
        std::string s;
        for (const auto& v : row) s += (s.empty() ? "" : " | ") + show(v, result);
        return s;
    };
    if (rows.size() != result.rows.size()) {
        std::string got;
        for (size_t i = 0; i < std::min<size_t>(result.rows.size(), 5); ++i) got += "\n    " + rowText(result.rows[i]);
        return "expected " + std::to_string(rows.size()) + " rows, got " + std::to_string(result.rows.size()) + got;
    }
    auto rowMatches = [&](const std::vector<kgraph::Value>& a, const std::vector<Expected>& e) {
        if (a.size() != e.size()) return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (!match(a[i], e[i], result, ignoreListOrder)) return false;
        return true;
    };
    if (ordered) {
        for (size_t i = 0; i < rows.size(); ++i)
            if (!rowMatches(result.rows[i], rows[i]))
                return "row " + std::to_string(i + 1) + " differs: got " + rowText(result.rows[i]);
        return "";
    }
    std::vector<bool> used(result.rows.size(), false);
    for (size_t i = 0; i < rows.size(); ++i) {
        bool found = false;
        for (size_t j = 0; j < result.rows.size() && !found; ++j)
            if (!used[j] && rowMatches(result.rows[j], rows[i])) used[j] = found = true;
        if (!found) {
            std::string got;
            for (size_t j = 0; j < result.rows.size(); ++j)
                if (!used[j]) {
                    got = rowText(result.rows[j]);
                    break;
                }
            return "expected row " + std::to_string(i + 1) + " (" + table[i + 1][0] + (table[i + 1].size() > 1 ? " | ..." : "") +
                   ") not found; an unmatched row: " + got;
        }
    }
    return "";
}

}  // namespace tck
