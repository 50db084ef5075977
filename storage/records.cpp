#include "storage/records.hpp"

#include <algorithm>

#include "storage/keys.hpp"

namespace kgraph::storage::records {

void encodeNode(const NodeRecord& node, std::string& out) {
    out.clear();
    putVarint(out, node.labels.size());
    for (TokenId label : node.labels) putVarint(out, label);
    putProperties(out, node.properties);
}

std::string encodeNode(const NodeRecord& node) {
    std::string out;
    encodeNode(node, out);
    return out;
}

bool decodeNode(NodeId id, std::string_view in, NodeRecord& node) {
    Decoder d(in);
    uint64_t n;
    if (!d.getVarint(n) || n > d.remaining()) return false;
    node.id = id;
    node.labels.clear();
    for (uint64_t i = 0; i < n; ++i) {
        uint64_t label;
        if (!d.getVarint(label) || label > UINT32_MAX) return false;
        node.labels.push_back(static_cast<TokenId>(label));
    }
    return d.getProperties(node.properties) && d.done();
}

void encodeRel(const RelRecord& rel, std::string& out) {
    out.clear();
    putFixed32(out, rel.type);
    putFixed64(out, rel.start);
    putFixed64(out, rel.end);
    putProperties(out, rel.properties);
}

std::string encodeRel(const RelRecord& rel) {
    std::string out;
    encodeRel(rel, out);
    return out;
}

bool decodeRel(RelId id, std::string_view in, RelRecord& rel) {
    Decoder d(in);
    rel.id = id;
    return d.getFixed32(rel.type) && d.getFixed64(rel.start) && d.getFixed64(rel.end) &&
           d.getProperties(rel.properties) && d.done();
}

std::string encodeEvidence(const EvidenceRecord& ev) {
    std::string out;
    putFixed64(out, ev.document);
    putFixed32(out, ev.start);
    putFixed32(out, ev.end);
    putLengthPrefixed(out, ev.sentence);
    putLengthPrefixed(out, ev.rule);
    return out;
}

bool decodeEvidence(std::string_view key, std::string_view in, EvidenceRecord& ev) {
    if (key.size() != 17 || (key[0] != 'n' && key[0] != 'r')) return false;
    ev.element.kind = static_cast<ElementRef::Kind>(key[0]);
    ev.element.id = readFixed64(key.data() + 1);
    ev.id = readFixed64(key.data() + 9);
    Decoder d(in);
    std::string_view sentence, rule;
    if (!d.getFixed64(ev.document) || !d.getFixed32(ev.start) || !d.getFixed32(ev.end) ||
        !d.getLengthPrefixed(sentence) || !d.getLengthPrefixed(rule) || !d.done())
        return false;
    ev.sentence = sentence;
    ev.rule = rule;
    return true;
}

std::string encodeDocument(const DocumentRecord& doc) {
    std::string out;
    putFixed64(out, doc.node);
    putLengthPrefixed(out, doc.hash);
    return out;
}

bool decodeDocument(std::string_view key, std::string_view in, DocumentRecord& doc) {
    Decoder d(in);
    std::string_view hash;
    if (!d.getFixed64(doc.node) || !d.getLengthPrefixed(hash) || !d.done()) return false;
    doc.key = key;
    doc.hash = hash;
    return true;
}

void canonicalize(PropertyList& props) {
    std::erase_if(props, [](const auto& p) { return p.second.isNull(); });
    std::stable_sort(props.begin(), props.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    // Keep the last of duplicate keys: a later assignment wins.
    auto last = std::unique(props.rbegin(), props.rend(),
                            [](const auto& a, const auto& b) { return a.first == b.first; });
    props.erase(props.begin(), last.base());
}

}  // namespace kgraph::storage::records
