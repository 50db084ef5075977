#include "storage/write_batch.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "common/assert.hpp"
#include "common/text.hpp"
#include "storage/records.hpp"
#include "storage/store_impl.hpp"

namespace kgraph::storage {

// The records a batch touches, before (as stored) and after (as they will be).
// An absent `before` means created in this batch; an absent `after`, deleted.
struct WriteBatch::Overlay {
    struct NodeEntry {
        std::optional<NodeRecord> before, after;
    };
    struct RelEntry {
        std::optional<RelRecord> before, after;
    };
    struct DocEntry {
        std::optional<DocumentRecord> before, after;
    };
    std::map<NodeId, NodeEntry> nodes;
    std::map<RelId, RelEntry> rels;
    std::map<std::string, DocEntry, std::less<>> documents;
    std::map<std::string, EvidenceRecord> newEvidence;  // by evidence-family key
    std::set<std::string> deletedEvidence;              // evidence-family keys of stored evidence
    std::map<std::pair<TokenKind, std::string>, TokenId> newTokens;
    std::set<NodeId> pendingNodes;  // touched since the last takePending()
    std::set<RelId> pendingRels;
    uint64_t nextNode, nextRel, nextEvidence, nextToken;
};

namespace {

std::string evidenceKey(const EvidenceRecord& ev) {
    std::string k = keys::evidencePrefix(static_cast<char>(ev.element.kind), ev.element.id);
    putFixed64(k, ev.id);
    return k;
}

template <typename T>
std::vector<T> minus(const std::set<T>& a, const std::set<T>& b) {
    std::vector<T> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

}  // namespace

WriteBatch::WriteBatch(Store::Impl& store, std::unique_lock<std::mutex> lock)
    : store_(&store), lock_(std::move(lock)), overlay_(std::make_unique<Overlay>()) {
    std::shared_lock state(store.stateMutex);
    overlay_->nextNode = store.nextNode;
    overlay_->nextRel = store.nextRel;
    overlay_->nextEvidence = store.nextEvidence;
    overlay_->nextToken = store.nextToken;
}

WriteBatch::WriteBatch(WriteBatch&&) noexcept = default;
WriteBatch::~WriteBatch() = default;

bool WriteBatch::empty() const {
    return overlay_->nodes.empty() && overlay_->rels.empty() && overlay_->documents.empty() &&
           overlay_->newEvidence.empty() && overlay_->deletedEvidence.empty();
}

TokenId WriteBatch::intern(TokenKind kind, std::string_view name) {
    {
        std::shared_lock state(store_->stateMutex);
        const auto& t = store_->table(kind).byName;
        if (auto it = t.find(std::string(name)); it != t.end()) return it->second;
    }
    auto [it, inserted] = overlay_->newTokens.try_emplace({kind, std::string(name)}, 0);
    if (inserted) it->second = static_cast<TokenId>(overlay_->nextToken++);
    return it->second;
}

PropertyList WriteBatch::toProperties(const Value::Map& map) {
    PropertyList props;
    props.reserve(map.size());
    for (const auto& [key, value] : map)
        if (!value.isNull()) props.emplace_back(intern(TokenKind::PROPERTY, key), value);
    records::canonicalize(props);
    return props;
}

NodeId WriteBatch::createNode(const std::vector<std::string>& labels, const Value::Map& properties) {
    NodeRecord n;
    n.id = overlay_->nextNode++;
    for (const auto& label : labels) n.labels.push_back(intern(TokenKind::LABEL, label));
    std::sort(n.labels.begin(), n.labels.end());
    n.labels.erase(std::unique(n.labels.begin(), n.labels.end()), n.labels.end());
    n.properties = toProperties(properties);
    overlay_->pendingNodes.insert(n.id);
    overlay_->nodes[n.id].after = std::move(n);
    return overlay_->nextNode - 1;
}

NodeRecord* WriteBatch::mutableNode(NodeId id, Status& status) {
    overlay_->pendingNodes.insert(id);
    auto it = overlay_->nodes.find(id);
    if (it == overlay_->nodes.end()) {
        std::optional<NodeRecord> stored;
        status = store_->readNode(id, stored);
        if (!status.isOk()) return nullptr;
        if (!stored) {
            status = Status::notFound(fmt::format("node {} does not exist", id));
            return nullptr;
        }
        it = overlay_->nodes.emplace(id, Overlay::NodeEntry{stored, stored}).first;
    }
    if (!it->second.after) {
        status = Status::notFound(fmt::format("node {} does not exist", id));
        return nullptr;
    }
    status = Status::ok();
    return &*it->second.after;
}

RelRecord* WriteBatch::mutableRel(RelId id, Status& status) {
    overlay_->pendingRels.insert(id);
    auto it = overlay_->rels.find(id);
    if (it == overlay_->rels.end()) {
        std::optional<RelRecord> stored;
        status = store_->readRel(id, stored);
        if (!status.isOk()) return nullptr;
        if (!stored) {
            status = Status::notFound(fmt::format("relationship {} does not exist", id));
            return nullptr;
        }
        it = overlay_->rels.emplace(id, Overlay::RelEntry{stored, stored}).first;
    }
    if (!it->second.after) {
        status = Status::notFound(fmt::format("relationship {} does not exist", id));
        return nullptr;
    }
    status = Status::ok();
    return &*it->second.after;
}

Result<NodeRecord> WriteBatch::node(NodeId id) {
    Status s;
    NodeRecord* n = mutableNode(id, s);
    if (!n) return s;
    return *n;
}

Result<RelRecord> WriteBatch::rel(RelId id) {
    Status s;
    RelRecord* r = mutableRel(id, s);
    if (!r) return s;
    return *r;
}

Result<RelId> WriteBatch::createRel(std::string_view type, NodeId start, NodeId end, const Value::Map& properties) {
    Status s;
    if (!mutableNode(start, s) || !mutableNode(end, s)) return s;
    if (type.empty()) return Status::invalidInput("a relationship needs a type");
    RelRecord r;
    r.id = overlay_->nextRel++;
    r.type = intern(TokenKind::TYPE, type);
    r.start = start;
    r.end = end;
    r.properties = toProperties(properties);
    RelId id = r.id;
    overlay_->pendingRels.insert(id);
    overlay_->rels[id].after = std::move(r);
    return id;
}

namespace {

void setProperty(PropertyList& props, TokenId key, const Value& value) {
    auto it = std::lower_bound(props.begin(), props.end(), key, [](const auto& p, TokenId k) { return p.first < k; });
    bool present = it != props.end() && it->first == key;
    if (value.isNull()) {
        if (present) props.erase(it);
    } else if (present) {
        it->second = value;
    } else {
        props.insert(it, {key, value});
    }
}

}  // namespace

Status WriteBatch::setNodeProperty(NodeId id, std::string_view key, const Value& value) {
    Status s;
    NodeRecord* n = mutableNode(id, s);
    if (!n) return s;
    setProperty(n->properties, intern(TokenKind::PROPERTY, key), value);
    return Status::ok();
}

Status WriteBatch::setRelProperty(RelId id, std::string_view key, const Value& value) {
    Status s;
    RelRecord* r = mutableRel(id, s);
    if (!r) return s;
    setProperty(r->properties, intern(TokenKind::PROPERTY, key), value);
    return Status::ok();
}

Status WriteBatch::addLabel(NodeId id, std::string_view label) {
    Status s;
    NodeRecord* n = mutableNode(id, s);
    if (!n) return s;
    TokenId t = intern(TokenKind::LABEL, label);
    auto it = std::lower_bound(n->labels.begin(), n->labels.end(), t);
    if (it == n->labels.end() || *it != t) n->labels.insert(it, t);
    return Status::ok();
}

Status WriteBatch::removeLabel(NodeId id, std::string_view label) {
    Status s;
    NodeRecord* n = mutableNode(id, s);
    if (!n) return s;
    TokenId t = intern(TokenKind::LABEL, label);
    std::erase(n->labels, t);
    return Status::ok();
}

void WriteBatch::collectRels(NodeId node, std::vector<RelId>& out) {
    std::set<RelId> ids;
    for (Family f : {kOut, kIn}) {
        (void)store_->scanPrefix(f, keys::id(node), [&](std::string_view k, std::string_view) {
            if (k.size() == 28) ids.insert(readFixed64(k.data() + 20));
            return true;
        });
    }
    for (const auto& [id, entry] : overlay_->rels) {
        if (!entry.after) ids.erase(id);
        else if (entry.after->start == node || entry.after->end == node) ids.insert(id);
    }
    out.assign(ids.begin(), ids.end());
}

Status WriteBatch::deleteNode(NodeId id, bool detach) {
    Status s;
    if (!mutableNode(id, s)) return s;
    std::vector<RelId> rels;
    collectRels(id, rels);
    if (!rels.empty() && !detach)
        return Status::invalidInput(fmt::format(
            "cannot delete node {}: it still has {} relationship(s); use DETACH DELETE", id, rels.size()));
    for (RelId r : rels) KG_RETURN_IF_ERROR(deleteRel(r));
    KG_RETURN_IF_ERROR(deleteEvidenceOf({ElementRef::Kind::NODE, id}));
    overlay_->nodes[id].after.reset();
    return Status::ok();
}

Status WriteBatch::deleteRel(RelId id) {
    Status s;
    if (!mutableRel(id, s)) return s;
    KG_RETURN_IF_ERROR(deleteEvidenceOf({ElementRef::Kind::REL, id}));
    overlay_->rels[id].after.reset();
    return Status::ok();
}

Status WriteBatch::deleteEvidenceOf(ElementRef element) {
    std::string prefix = keys::evidencePrefix(static_cast<char>(element.kind), element.id);
    std::erase_if(overlay_->newEvidence, [&](const auto& e) { return e.first.starts_with(prefix); });
    return store_->scanPrefix(kEvidence, prefix, [&](std::string_view k, std::string_view) {
        overlay_->deletedEvidence.emplace(k);
        return true;
    });
}

Status WriteBatch::deleteEvidenceFromDocument(NodeId document) {
    std::erase_if(overlay_->newEvidence, [&](const auto& e) { return e.second.document == document; });
    return store_->scanPrefix(kDocEvidence, keys::id(document), [&](std::string_view k, std::string_view) {
        if (k.size() == 25) overlay_->deletedEvidence.emplace(k.substr(8));
        return true;
    });
}

Result<EvidenceId> WriteBatch::addEvidence(ElementRef element, NodeId document, uint32_t start, uint32_t end,
                                           std::string_view sentence, std::string_view rule) {
    Status s;
    if (element.kind == ElementRef::Kind::NODE ? !mutableNode(element.id, s) : !mutableRel(element.id, s)) return s;
    if (!mutableNode(document, s)) return s;
    EvidenceRecord ev;
    ev.id = overlay_->nextEvidence++;
    ev.element = element;
    ev.document = document;
    ev.start = start;
    ev.end = end;
    ev.sentence = sentence;
    ev.rule = rule;
    EvidenceId id = ev.id;
    overlay_->newEvidence.emplace(evidenceKey(ev), std::move(ev));
    return id;
}

Status WriteBatch::putDocument(std::string_view key, NodeId node, std::string_view hash) {
    Status s;
    if (!mutableNode(node, s)) return s;
    auto it = overlay_->documents.find(key);
    if (it == overlay_->documents.end()) {
        std::optional<DocumentRecord> stored;
        KG_RETURN_IF_ERROR(store_->readDocument(key, stored));
        it = overlay_->documents.emplace(std::string(key), Overlay::DocEntry{stored, stored}).first;
    }
    it->second.after = DocumentRecord{std::string(key), node, std::string(hash)};
    return Status::ok();
}

Status WriteBatch::deleteDocument(std::string_view key) {
    auto it = overlay_->documents.find(key);
    if (it == overlay_->documents.end()) {
        std::optional<DocumentRecord> stored;
        KG_RETURN_IF_ERROR(store_->readDocument(key, stored));
        if (!stored) return Status::notFound(fmt::format("document '{}' does not exist", key.substr(0, 200)));
        it = overlay_->documents.emplace(std::string(key), Overlay::DocEntry{stored, stored}).first;
    }
    it->second.after.reset();
    return Status::ok();
}

// ---------------------------------------------------------------- commit

namespace {

// What a node contributes to the secondary indexes.
struct NodeIndexEntries {
    std::set<TokenId> labels;
    std::set<std::pair<TokenId, std::string>> names;  // (label, normalised name)
    std::set<std::string> aliases;                    // normalised
    std::set<std::pair<TokenId, Value::Type>> props;
};

NodeIndexEntries indexEntries(const std::optional<NodeRecord>& n, std::optional<TokenId> nameKey,
                              std::optional<TokenId> aliasesKey) {
    NodeIndexEntries e;
    if (!n) return e;
    e.labels.insert(n->labels.begin(), n->labels.end());
    for (const auto& [key, value] : n->properties) e.props.emplace(key, value.type());
    if (nameKey)
        if (const Value* name = n->property(*nameKey); name && name->isString())
            for (TokenId label : n->labels) e.names.emplace(label, normalizeName(name->asString()));
    if (aliasesKey) {
        if (const Value* aliases = n->property(*aliasesKey)) {
            if (aliases->isString()) e.aliases.insert(normalizeName(aliases->asString()));
            if (aliases->isList())
                for (const Value& a : aliases->asList())
                    if (a.isString()) e.aliases.insert(normalizeName(a.asString()));
        }
    }
    return e;
}

std::set<std::pair<TokenId, Value::Type>> propertyTypes(const std::optional<RelRecord>& r) {
    std::set<std::pair<TokenId, Value::Type>> out;
    if (r)
        for (const auto& [key, value] : r->properties) out.emplace(key, value.type());
    return out;
}

}  // namespace

WriteBatch::Changes WriteBatch::takePending() {
    Overlay& o = *overlay_;
    Changes changes;
    for (NodeId id : o.pendingNodes) {
        auto it = o.nodes.find(id);
        if (it == o.nodes.end()) continue;  // an unknown id was asked for
        if (it->second.after) changes.nodesWritten.push_back(*it->second.after);
        else changes.nodesDeleted.push_back(id);
    }
    for (RelId id : o.pendingRels) {
        auto it = o.rels.find(id);
        if (it == o.rels.end()) continue;
        if (it->second.after) changes.relsWritten.push_back(*it->second.after);
        else changes.relsDeleted.push_back(id);
    }
    o.pendingNodes.clear();
    o.pendingRels.clear();
    return changes;
}

std::optional<TokenId> WriteBatch::findToken(TokenKind kind, std::string_view name) const {
    if (auto it = overlay_->newTokens.find({kind, std::string(name)}); it != overlay_->newTokens.end())
        return it->second;
    std::shared_lock state(store_->stateMutex);
    const auto& t = store_->table(kind).byName;
    if (auto it = t.find(std::string(name)); it != t.end()) return it->second;
    return std::nullopt;
}

std::string WriteBatch::tokenName(TokenKind kind, TokenId id) const {
    for (const auto& [kindName, tokenId] : overlay_->newTokens)
        if (kindName.first == kind && tokenId == id) return kindName.second;
    std::shared_lock state(store_->stateMutex);
    const auto& t = store_->table(kind).byId;
    auto it = t.find(id);
    return it == t.end() ? std::string() : it->second;
}

Status WriteBatch::commit(Changes* changes) {
    KG_ASSERT(lock_.owns_lock());
    Overlay& o = *overlay_;
    StateDelta delta;
    rocksdb::WriteBatch batch;
    auto cf = [&](Family f) { return store_->cf(f); };

    auto tokenOf = [&](TokenKind kind, const std::string& name) -> std::optional<TokenId> {
        if (auto it = o.newTokens.find({kind, name}); it != o.newTokens.end()) return it->second;
        std::shared_lock state(store_->stateMutex);
        const auto& t = store_->table(kind).byName;
        if (auto it = t.find(name); it != t.end()) return it->second;
        return std::nullopt;
    };
    const std::optional<TokenId> nameKey = tokenOf(TokenKind::PROPERTY, "name");
    const std::optional<TokenId> aliasesKey = tokenOf(TokenKind::PROPERTY, "aliases");

    // Elements read into the batch but left as they were (the ends of a new
    // relationship, say) need no writing.
    auto unchanged = [](const auto& entry) { return entry.before && entry.after && *entry.before == *entry.after; };
    for (const auto& [id, entry] : o.nodes) {
        if (unchanged(entry)) continue;
        const std::string key = keys::id(id);
        if (entry.after) batch.Put(cf(kNodes), key, records::encodeNode(*entry.after));
        else if (entry.before) batch.Delete(cf(kNodes), key);
        delta.nodes += int64_t{entry.after.has_value()} - int64_t{entry.before.has_value()};

        NodeIndexEntries before = indexEntries(entry.before, nameKey, aliasesKey);
        NodeIndexEntries after = indexEntries(entry.after, nameKey, aliasesKey);
        for (TokenId l : minus(before.labels, after.labels)) {
            batch.Delete(cf(kLabels), keys::label(l, id));
            --delta.perLabel[l];
        }
        for (TokenId l : minus(after.labels, before.labels)) {
            batch.Put(cf(kLabels), keys::label(l, id), {});
            ++delta.perLabel[l];
        }
        auto nameKeyOf = [&](const std::pair<TokenId, std::string>& n) {
            std::string k = keys::namePrefix(n.first, n.second);
            putFixed64(k, id);
            return k;
        };
        for (const auto& n : minus(before.names, after.names)) batch.Delete(cf(kNames), nameKeyOf(n));
        for (const auto& n : minus(after.names, before.names)) batch.Put(cf(kNames), nameKeyOf(n), {});
        auto aliasKeyOf = [&](const std::string& a) {
            std::string k = keys::aliasPrefix(a);
            putFixed64(k, id);
            return k;
        };
        for (const auto& a : minus(before.aliases, after.aliases)) batch.Delete(cf(kAliases), aliasKeyOf(a));
        for (const auto& a : minus(after.aliases, before.aliases)) batch.Put(cf(kAliases), aliasKeyOf(a), {});
        for (const auto& p : before.props) --delta.perProperty[p];
        for (const auto& p : after.props) ++delta.perProperty[p];
    }

    for (const auto& [id, entry] : o.rels) {
        if (unchanged(entry)) continue;
        const std::string key = keys::id(id);
        if (entry.after) batch.Put(cf(kRels), key, records::encodeRel(*entry.after));
        else if (entry.before) batch.Delete(cf(kRels), key);
        delta.rels += int64_t{entry.after.has_value()} - int64_t{entry.before.has_value()};
        if (entry.before && !entry.after) {
            const RelRecord& r = *entry.before;
            batch.Delete(cf(kOut), keys::adjacency(r.start, r.type, r.end, id));
            batch.Delete(cf(kIn), keys::adjacency(r.end, r.type, r.start, id));
            --delta.perType[r.type];
        }
        if (entry.after && !entry.before) {
            const RelRecord& r = *entry.after;
            batch.Put(cf(kOut), keys::adjacency(r.start, r.type, r.end, id), {});
            batch.Put(cf(kIn), keys::adjacency(r.end, r.type, r.start, id), {});
            ++delta.perType[r.type];
        }
        for (const auto& p : propertyTypes(entry.before)) --delta.perProperty[p];
        for (const auto& p : propertyTypes(entry.after)) ++delta.perProperty[p];
    }

    // Evidence: stored pieces to delete (their element or document went), then new ones.
    for (const std::string& k : o.deletedEvidence) {
        std::string v;
        bool found;
        KG_RETURN_IF_ERROR(store_->get(kEvidence, k, v, found));
        EvidenceRecord ev;
        if (!found || !records::decodeEvidence(k, v, ev)) continue;
        batch.Delete(cf(kEvidence), k);
        batch.Delete(cf(kDocEvidence), keys::docEvidence(ev.document, k[0], ev.element.id, ev.id));
        --delta.evidence;
    }
    for (const auto& [k, ev] : o.newEvidence) {
        // Evidence of an element or document deleted later in this batch goes with it.
        auto elementGone = [&] {
            if (ev.element.kind == ElementRef::Kind::NODE) {
                auto it = o.nodes.find(ev.element.id);
                return it != o.nodes.end() && !it->second.after;
            }
            auto it = o.rels.find(ev.element.id);
            return it != o.rels.end() && !it->second.after;
        };
        auto docIt = o.nodes.find(ev.document);
        if (elementGone() || (docIt != o.nodes.end() && !docIt->second.after)) continue;
        batch.Put(cf(kEvidence), k, records::encodeEvidence(ev));
        batch.Put(cf(kDocEvidence), keys::docEvidence(ev.document, k[0], ev.element.id, ev.id), {});
        ++delta.evidence;
    }

    for (const auto& [key, entry] : o.documents) {
        if (entry.after) batch.Put(cf(kDocuments), key, records::encodeDocument(*entry.after));
        else if (entry.before) batch.Delete(cf(kDocuments), key);
        delta.documents += int64_t{entry.after.has_value()} - int64_t{entry.before.has_value()};
    }

    for (const auto& [kindName, id] : o.newTokens) delta.newTokens.emplace_back(kindName.first, id, kindName.second);
    delta.nextNode = o.nextNode;
    delta.nextRel = o.nextRel;
    delta.nextEvidence = o.nextEvidence;
    delta.nextToken = o.nextToken;

    Status s = store_->commit(batch, delta);
    if (s.isOk() && changes) {
        for (auto& [id, entry] : o.nodes) {
            if (entry.after) changes->nodesWritten.push_back(std::move(*entry.after));
            else if (entry.before) changes->nodesDeleted.push_back(id);
        }
        for (auto& [id, entry] : o.rels) {
            if (entry.after) changes->relsWritten.push_back(std::move(*entry.after));
            else if (entry.before) changes->relsDeleted.push_back(id);
        }
    }
    overlay_ = std::make_unique<Overlay>();
    {
        std::shared_lock state(store_->stateMutex);
        overlay_->nextNode = store_->nextNode;
        overlay_->nextRel = store_->nextRel;
        overlay_->nextEvidence = store_->nextEvidence;
        overlay_->nextToken = store_->nextToken;
    }
    lock_.unlock();
    return s;
}

}  // namespace kgraph::storage
