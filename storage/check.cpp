// Store::check(): every index entry against the primary records, every
// primary record against its index entries, and the counters against a
// recount. Each entry is read once; memory is one byte per node id and
// 24 bytes per relationship.
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "common/text.hpp"
#include "storage/records.hpp"
#include "storage/store_impl.hpp"

namespace kgraph::storage {

namespace {

class Findings {
public:
    Findings(CheckReport& report, size_t max) : report_(report), max_(max) {}

    template <typename... Args>
    void add(fmt::format_string<Args...> f, Args&&... args) {
        ++report_.findingCount;
        if (report_.findings.size() < max_) report_.findings.push_back(fmt::format(f, std::forward<Args>(args)...));
    }

private:
    CheckReport& report_;
    size_t max_;
};

struct RelEnds {
    NodeId start, end;
    TokenId type;
    uint8_t seen;  // bit 0: out entry found, bit 1: in entry found
};

}  // namespace

CheckReport Store::check(size_t maxFindings) const {
    CheckReport report;
    Findings findings(report, maxFindings);
    const Impl& impl = *impl_;
    Counts expected = counts();
    Counts actual;

    auto tokenKnown = [&](TokenKind kind, TokenId id) { return !tokenName(kind, id).empty(); };
    const std::optional<TokenId> nameKey = findToken(TokenKind::PROPERTY, "name");
    const std::optional<TokenId> aliasesKey = findToken(TokenKind::PROPERTY, "aliases");

    // Nodes: decode, count, and remember each node's labels for the index checks.
    std::unordered_map<NodeId, std::vector<TokenId>> nodeLabels;
    std::set<std::string> expectedNames, expectedAliases;
    Status s = impl.scanPrefix(kNodes, {}, [&](std::string_view k, std::string_view v) {
        ++report.elementsChecked;
        NodeRecord n;
        if (k.size() != 8 || !records::decodeNode(readFixed64(k.data()), v, n)) {
            findings.add("node record with key {} is unreadable", k.size() == 8 ? readFixed64(k.data()) : 0);
            return true;
        }
        ++actual.nodes;
        for (TokenId l : n.labels) {
            ++actual.perLabel[l];
            if (!tokenKnown(TokenKind::LABEL, l)) findings.add("node {} has unknown label token {}", n.id, l);
        }
        for (const auto& [key, value] : n.properties) {
            ++actual.perProperty[{key, value.type()}];
            if (!tokenKnown(TokenKind::PROPERTY, key)) findings.add("node {} has unknown property token {}", n.id, key);
            if (key == nameKey && value.isString())
                for (TokenId l : n.labels) {
                    std::string nk = keys::namePrefix(l, normalizeName(value.asString()));
                    putFixed64(nk, n.id);
                    expectedNames.insert(std::move(nk));
                }
            if (key == aliasesKey) {
                auto addAlias = [&](const Value& a) {
                    if (!a.isString()) return;
                    std::string ak = keys::aliasPrefix(normalizeName(a.asString()));
                    putFixed64(ak, n.id);
                    expectedAliases.insert(std::move(ak));
                };
                if (value.isList()) for (const Value& a : value.asList()) addAlias(a);
                else addAlias(value);
            }
        }
        nodeLabels.emplace(n.id, std::move(n.labels));
        return true;
    });
    if (!s.isOk()) findings.add("reading nodes failed: {}", s.message());
    auto nodeExists = [&](NodeId id) { return nodeLabels.count(id) > 0; };

    // Relationships: both ends live, type known.
    std::unordered_map<RelId, RelEnds> rels;
    s = impl.scanPrefix(kRels, {}, [&](std::string_view k, std::string_view v) {
        ++report.elementsChecked;
        RelRecord r;
        if (k.size() != 8 || !records::decodeRel(readFixed64(k.data()), v, r)) {
            findings.add("relationship record with key {} is unreadable", k.size() == 8 ? readFixed64(k.data()) : 0);
            return true;
        }
        ++actual.rels;
        ++actual.perType[r.type];
        if (!tokenKnown(TokenKind::TYPE, r.type)) findings.add("relationship {} has unknown type token {}", r.id, r.type);
        if (!nodeExists(r.start)) findings.add("relationship {} starts at missing node {}", r.id, r.start);
        if (!nodeExists(r.end)) findings.add("relationship {} ends at missing node {}", r.id, r.end);
        for (const auto& [key, value] : r.properties) ++actual.perProperty[{key, value.type()}];
        rels.emplace(r.id, RelEnds{r.start, r.end, r.type, 0});
        return true;
    });
    if (!s.isOk()) findings.add("reading relationships failed: {}", s.message());

    // Adjacency, both directions: each entry names a live relationship with
    // the same ends and type; each relationship has one entry per direction.
    for (Family f : {kOut, kIn}) {
        const bool out = f == kOut;
        const char* dir = out ? "outgoing" : "incoming";
        s = impl.scanPrefix(f, {}, [&](std::string_view k, std::string_view) {
            if (k.size() != 28) {
                findings.add("{} adjacency entry of bad length {}", dir, k.size());
                return true;
            }
            NodeId node = readFixed64(k.data());
            TokenId type = readFixed32(k.data() + 8);
            NodeId other = readFixed64(k.data() + 12);
            RelId rel = readFixed64(k.data() + 20);
            auto it = rels.find(rel);
            if (it == rels.end()) {
                findings.add("{} adjacency entry of node {} names missing relationship {}", dir, node, rel);
                return true;
            }
            RelEnds& r = it->second;
            NodeId expectNode = out ? r.start : r.end, expectOther = out ? r.end : r.start;
            if (node != expectNode || other != expectOther || type != r.type)
                findings.add("{} adjacency entry of relationship {} disagrees with the relationship", dir, rel);
            r.seen |= out ? 1 : 2;
            return true;
        });
        if (!s.isOk()) findings.add("reading {} adjacency failed: {}", dir, s.message());
    }
    for (const auto& [id, r] : rels) {
        if (!(r.seen & 1)) findings.add("relationship {} has no outgoing adjacency entry", id);
        if (!(r.seen & 2)) findings.add("relationship {} has no incoming adjacency entry", id);
    }

    // Label index: exactly the (label, node) pairs of the node records.
    uint64_t labelEntries = 0, labelMemberships = 0;
    for (const auto& [id, labels] : nodeLabels) labelMemberships += labels.size();
    s = impl.scanPrefix(kLabels, {}, [&](std::string_view k, std::string_view) {
        ++labelEntries;
        if (k.size() != 12) {
            findings.add("label index entry of bad length {}", k.size());
            return true;
        }
        TokenId label = readFixed32(k.data());
        NodeId node = readFixed64(k.data() + 4);
        auto it = nodeLabels.find(node);
        if (it == nodeLabels.end())
            findings.add("label index entry '{}' names missing node {}", tokenName(TokenKind::LABEL, label), node);
        else if (!std::binary_search(it->second.begin(), it->second.end(), label))
            findings.add("label index says node {} is '{}', the node says not", node, tokenName(TokenKind::LABEL, label));
        return true;
    });
    if (!s.isOk()) findings.add("reading the label index failed: {}", s.message());
    if (labelEntries != labelMemberships)
        findings.add("label index has {} entries, nodes carry {} labels", labelEntries, labelMemberships);

    // Name and alias indexes: exactly the expected keys.
    auto compareIndex = [&](Family f, const std::set<std::string>& want, const char* what) {
        std::set<std::string> have;
        Status scan = impl.scanPrefix(f, {}, [&](std::string_view k, std::string_view) {
            have.emplace(k);
            return true;
        });
        if (!scan.isOk()) findings.add("reading the {} index failed: {}", what, scan.message());
        for (const auto& k : have)
            if (!want.count(k))
                findings.add("{} index entry for node {} matches no live node's {}", what,
                             k.size() >= 8 ? readFixed64(k.data() + k.size() - 8) : 0, what);
        for (const auto& k : want)
            if (!have.count(k)) findings.add("node {} is missing from the {} index", readFixed64(k.data() + k.size() - 8), what);
    };
    compareIndex(kNames, expectedNames, "name");
    compareIndex(kAliases, expectedAliases, "alias");

    // Documents name live nodes.
    std::set<NodeId> documentNodes;
    s = scanDocuments([&](const DocumentRecord& d) {
        ++actual.documents;
        documentNodes.insert(d.node);
        if (!nodeExists(d.node)) findings.add("document '{}' names missing node {}", d.key.substr(0, 200), d.node);
        return true;
    });
    if (!s.isOk()) findings.add("reading documents failed: {}", s.message());

    // Evidence: element and document live; the by-document index mirrors it.
    std::set<std::string> expectedDocEvidence;
    s = impl.scanPrefix(kEvidence, {}, [&](std::string_view k, std::string_view v) {
        EvidenceRecord ev;
        if (!records::decodeEvidence(k, v, ev)) {
            findings.add("an evidence record is unreadable");
            return true;
        }
        ++actual.evidence;
        bool live = ev.element.kind == ElementRef::Kind::NODE ? nodeExists(ev.element.id) : rels.count(ev.element.id) > 0;
        if (!live) findings.add("evidence {} supports missing element {}", ev.id, ev.element.id);
        if (!nodeExists(ev.document)) findings.add("evidence {} cites missing document node {}", ev.id, ev.document);
        expectedDocEvidence.insert(keys::docEvidence(ev.document, k[0], ev.element.id, ev.id));
        return true;
    });
    if (!s.isOk()) findings.add("reading evidence failed: {}", s.message());
    compareIndex(kDocEvidence, expectedDocEvidence, "evidence-by-document");

    // Counters kept by commits must equal the recount.
    auto compareCount = [&](const char* what, uint64_t want, uint64_t have) {
        if (want != have) findings.add("counter '{}' says {}, recount finds {}", what, want, have);
    };
    compareCount("nodes", expected.nodes, actual.nodes);
    compareCount("relationships", expected.rels, actual.rels);
    compareCount("evidence", expected.evidence, actual.evidence);
    compareCount("documents", expected.documents, actual.documents);
    auto compareMap = [&](const char* what, const auto& want, const auto& have, auto&& name) {
        std::set<typename std::decay_t<decltype(want)>::key_type> keysSeen;
        for (const auto& [k, v] : want) keysSeen.insert(k);
        for (const auto& [k, v] : have) keysSeen.insert(k);
        for (const auto& k : keysSeen) {
            auto w = want.find(k);
            auto h = have.find(k);
            uint64_t wv = w == want.end() ? 0 : w->second, hv = h == have.end() ? 0 : h->second;
            if (wv != hv) findings.add("counter '{} {}' says {}, recount finds {}", what, name(k), wv, hv);
        }
    };
    compareMap("label", expected.perLabel, actual.perLabel, [&](TokenId t) { return tokenName(TokenKind::LABEL, t); });
    compareMap("type", expected.perType, actual.perType, [&](TokenId t) { return tokenName(TokenKind::TYPE, t); });
    compareMap("property", expected.perProperty, actual.perProperty, [&](const std::pair<TokenId, Value::Type>& p) {
        return fmt::format("{}:{}", tokenName(TokenKind::PROPERTY, p.first), typeName(p.second));
    });

    // Tokens: both directions agree.
    s = impl.scanPrefix(kTokens, {}, [&](std::string_view k, std::string_view v) {
        if (k.empty()) return true;
        char kind = k[0];
        if (kind == 'L' || kind == 'T' || kind == 'P') {
            if (v.size() != 4) {
                findings.add("token '{}' has a bad id", k.substr(1));
                return true;
            }
            if (tokenName(static_cast<TokenKind>(kind), readFixed32(v.data())) != k.substr(1))
                findings.add("token '{}' has no matching by-id entry", k.substr(1));
        } else if (k.size() != 5 || (kind != 'l' && kind != 't' && kind != 'p')) {
            findings.add("token entry of bad length {}", k.size());
        } else {
            auto upper = static_cast<TokenKind>(kind - 0x20);
            if (findToken(upper, v) != readFixed32(k.data() + 1))
                findings.add("token id {} ('{}') has no matching by-name entry", readFixed32(k.data() + 1), v);
        }
        return true;
    });
    if (!s.isOk()) findings.add("reading tokens failed: {}", s.message());
    return report;
}

}  // namespace kgraph::storage
