#include "ingest/builder/builder.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "ingest/text/segment.hpp"

namespace kgraph::ingest {

namespace {

using storage::ElementRef;
using storage::NodeId;
using storage::RelId;

class DocumentWriter {
public:
    DocumentWriter(const storage::Store& store, storage::WriteBatch& batch, const DocumentFacts& facts, BuildMemory* memory)
        : store_(store), batch_(batch), facts_(facts), memory_(memory), counter_(facts.text) {}

    Result<WriteOutcome> write() {
        auto previous = store_.document(facts_.key);
        if (previous && previous->hash == facts_.hash) return WriteOutcome::UNCHANGED;
        std::set<std::pair<char, uint64_t>> cited;  // what the previous version stated
        if (previous) {
            document_ = previous->node;
            for (const auto& ev : store_.evidenceFromDocument(document_))
                cited.emplace(static_cast<char>(ev.element.kind), ev.element.id);
            KG_RETURN_IF_ERROR(batch_.deleteEvidenceFromDocument(document_));
            for (const auto& [key, value] : facts_.properties) KG_RETURN_IF_ERROR(batch_.setNodeProperty(document_, key, value));
            KG_RETURN_IF_ERROR(batch_.setNodeProperty(document_, "hash", Value(facts_.hash)));
        } else {
            Value::Map props = facts_.properties;
            props["key"] = Value(facts_.key);
            props["hash"] = Value(facts_.hash);
            document_ = batch_.createNode({"Document"}, props);
            newNodes_.insert(document_);
        }
        KG_RETURN_IF_ERROR(writeFacts());
        if (previous) KG_RETURN_IF_ERROR(dropUnstated(cited));
        KG_RETURN_IF_ERROR(batch_.putDocument(facts_.key, document_, facts_.hash));
        return previous ? WriteOutcome::CHANGED : WriteOutcome::ADDED;
    }

private:
    Status writeFacts() {
        const Extraction& x = *facts_.extraction;
        std::vector<NodeId> nodes;
        for (const auto& e : x.entities) {
            auto node = entityNode(e.entity);
            if (!node) return node.status();
            nodes.push_back(*node);
            for (const auto& ev : e.evidence) KG_RETURN_IF_ERROR(addEvidence({ElementRef::Kind::NODE, *node}, ev));
            auto mentions = relationship("MENTIONS", document_, *node, {});
            if (!mentions) return mentions.status();
            if (!e.evidence.empty()) KG_RETURN_IF_ERROR(addEvidence({ElementRef::Kind::REL, *mentions}, e.evidence.front()));
        }
        auto nodeOf = [&](const std::string& name) -> std::optional<NodeId> {
            for (size_t i = 0; i < x.entities.size(); ++i)
                if (x.entities[i].entity.name == name) return nodes[i];
            return std::nullopt;
        };
        for (const auto& r : x.relations) {
            auto s = nodeOf(r.relation.subject), o = nodeOf(r.relation.object);
            if (!s || !o) return Status::invalidInput("relation '" + r.relation.type + "' names an entity the document lacks");
            auto rel = relationship(r.relation.type, *s, *o, r.relation.properties);
            if (!rel) return rel.status();
            for (const auto& ev : r.evidence) KG_RETURN_IF_ERROR(addEvidence({ElementRef::Kind::REL, *rel}, ev));
        }
        return Status::ok();
    }

    // The node of an entity: one with the same label and name, else a new one.
    // Aliases seen here join the node's.
    Result<NodeId> entityNode(const EntityAnnotation& e) {
        if (BuildMemory::Entity* known = memory_ ? memory_->entity(e.label, e.name) : nullptr) {
            auto isKnown = [&](const std::string& a) { return known->aliases.count(a) > 0; };
            if (std::all_of(e.aliases.begin(), e.aliases.end(), isKnown)) return known->node;
        }
        auto found = findOrCreateEntity(e);
        if (!found) return found.status();
        if (memory_) memory_->remember(e.label, e.name, *found);
        return found->node;
    }

    // entityNode() without the memory: the node and all its aliases now.
    Result<BuildMemory::Entity> findOrCreateEntity(const EntityAnnotation& e) {
        std::optional<NodeId> found;
        if (auto it = created_.find({e.label, e.name}); it != created_.end()) found = it->second;
        else if (auto label = store_.findToken(storage::TokenKind::LABEL, e.label)) {
            auto ids = store_.findByName(*label, e.name);
            if (!ids.empty()) found = ids.front();
        }
        if (!found) {
            Value::List aliases;
            for (const auto& a : e.aliases) aliases.emplace_back(a);
            Value::Map props{{"name", Value(e.name)}};
            if (!aliases.empty()) props["aliases"] = Value(std::move(aliases));
            NodeId id = batch_.createNode({e.label}, props);
            created_[{e.label, e.name}] = id;
            newNodes_.insert(id);
            return BuildMemory::Entity{id, {e.aliases.begin(), e.aliases.end()}};
        }
        auto node = batch_.node(*found);
        if (!node) return node.status();
        auto key = store_.findToken(storage::TokenKind::PROPERTY, "aliases");
        const Value* have = key ? node->property(*key) : nullptr;
        Value::List aliases = have && have->isList() ? have->asList() : Value::List{};
        bool grew = false;
        for (const auto& a : e.aliases) {
            if (std::none_of(aliases.begin(), aliases.end(), [&](const Value& v) { return v.isString() && v.asString() == a; })) {
                aliases.emplace_back(a);
                grew = true;
            }
        }
        BuildMemory::Entity entity{*found, {}};
        for (const auto& a : aliases)
            if (a.isString()) entity.aliases.insert(a.asString());
        if (grew) KG_RETURN_IF_ERROR(batch_.setNodeProperty(*found, "aliases", Value(std::move(aliases))));
        return entity;
    }

    // The relationship `type` from `start` to `end`: the existing one (its
    // missing properties filled in), else a new one.
    Result<RelId> relationship(const std::string& type, NodeId start, NodeId end, const Value::Map& properties) {
        if (auto it = createdRels_.find({type, start, end}); it != createdRels_.end()) return it->second;
        if (BuildMemory::Relationship* known = memory_ ? memory_->relationship(type, start, end) : nullptr) {
            BuildMemory::Relationship now = *known;
            for (const auto& [key, value] : properties)
                if (now.keys.insert(key).second) KG_RETURN_IF_ERROR(batch_.setRelProperty(now.rel, key, value));
            if (now.keys.size() != known->keys.size()) memory_->remember(type, start, end, now);
            return now.rel;
        }
        auto found = findOrCreateRelationship(type, start, end, properties);
        if (!found) return found.status();
        // Not the document's own MENTIONS: they never come again.
        if (memory_ && start != document_) memory_->remember(type, start, end, *found);
        return found->rel;
    }

    // relationship() without the memory: the relationship and all its property keys now.
    Result<BuildMemory::Relationship> findOrCreateRelationship(const std::string& type, NodeId start, NodeId end,
                                                              const Value::Map& properties) {
        BuildMemory::Relationship result;
        for (const auto& [key, value] : properties) result.keys.insert(key);
        std::optional<RelId> found;
        // A node new in this batch has no relationships in the store yet.
        auto typeToken = newNodes_.count(start) ? std::nullopt : store_.findToken(storage::TokenKind::TYPE, type);
        if (typeToken) {
            Status s = store_.scanAdjacent(start, storage::Direction::OUT, *typeToken, [&](const storage::Adjacent& a) {
                if (a.other != end) return true;
                found = a.rel;
                return false;
            });
            KG_RETURN_IF_ERROR(s);
        }
        if (!found) {
            auto rel = batch_.createRel(type, start, end, properties);
            if (!rel) return rel.status();
            createdRels_[{type, start, end}] = *rel;
            result.rel = *rel;
            return result;
        }
        auto rec = batch_.rel(*found);
        if (!rec) return rec.status();
        for (const auto& [key, value] : properties) {
            auto token = store_.findToken(storage::TokenKind::PROPERTY, key);
            bool has = false;
            if (token)
                for (const auto& [k, v] : rec->properties) has = has || k == *token;
            if (!has) KG_RETURN_IF_ERROR(batch_.setRelProperty(*found, key, value));
        }
        for (const auto& [k, v] : rec->properties) result.keys.insert(store_.tokenName(storage::TokenKind::PROPERTY, k));
        result.rel = *found;
        return result;
    }

    Status addEvidence(ElementRef element, const Evidence& ev) {
        stated_.emplace(static_cast<char>(element.kind), element.id);
        if (ev.given) {
            auto id = batch_.addEvidence(element, document_, ev.begin, ev.end, ev.sentence, ev.rule);
            return id ? Status::ok() : id.status();
        }
        std::string_view sentence = facts_.text.substr(ev.sentenceBegin, ev.sentenceEnd - ev.sentenceBegin);
        // Evidence counts characters, not bytes; offsets arrive roughly in order.
        auto start = static_cast<uint32_t>(counter_(ev.begin));
        auto end = static_cast<uint32_t>(counter_(ev.end));
        auto id = batch_.addEvidence(element, document_, start, end, sentence, ev.rule);
        return id ? Status::ok() : id.status();
    }

    // What the previous version stated and this one does not: gone unless
    // another document states it too. Relationships first, then nodes.
    Status dropUnstated(const std::set<std::pair<char, uint64_t>>& cited) {
        for (char kind : {static_cast<char>(ElementRef::Kind::REL), static_cast<char>(ElementRef::Kind::NODE)}) {
            for (const auto& [k, id] : cited) {
                if (k != kind || stated_.count({k, id})) continue;
                ElementRef ref{static_cast<ElementRef::Kind>(k), id};
                auto others = store_.evidenceOf(ref);
                bool elsewhere = std::any_of(others.begin(), others.end(), [&](const auto& ev) { return ev.document != document_; });
                if (elsewhere) continue;
                if (ref.kind == ElementRef::Kind::REL) {
                    if (batch_.rel(id)) KG_RETURN_IF_ERROR(batch_.deleteRel(id));
                } else if (batch_.node(id)) {
                    KG_RETURN_IF_ERROR(batch_.deleteNode(id, /*detach=*/true));
                }
            }
        }
        return Status::ok();
    }

    const storage::Store& store_;
    storage::WriteBatch& batch_;
    const DocumentFacts& facts_;
    BuildMemory* memory_;
    CodePointCounter counter_;
    NodeId document_ = 0;
    std::map<std::pair<std::string, std::string>, NodeId> created_;
    std::map<std::tuple<std::string, NodeId, NodeId>, RelId> createdRels_;
    std::set<std::pair<char, uint64_t>> stated_;
    std::set<NodeId> newNodes_;           // created by this batch
};

}  // namespace

Result<WriteOutcome> writeDocument(const storage::Store& store, storage::WriteBatch& batch, const DocumentFacts& facts,
                                   BuildMemory* memory) {
    if (!facts.extraction) return Status::invalidInput("no extraction to write");
    return DocumentWriter(store, batch, facts, memory).write();
}

void BuildMemory::beginDocument(const storage::Store& store) {
    abandoned();
    if (store.commits() != commits_) forget();
}

void BuildMemory::committed(const storage::Store& store, WriteOutcome outcome) {
    if (outcome == WriteOutcome::CHANGED) {
        forget();
    } else {
        for (auto& [key, e] : pendingEntities_) entities_[key] = std::move(e);
        for (auto& [key, r] : pendingRels_) rels_[key] = std::move(r);
        abandoned();
    }
    commits_ = store.commits();
}

void BuildMemory::forget() {
    entities_.clear(), rels_.clear();
    abandoned();
}

BuildMemory::Entity* BuildMemory::entity(const std::string& label, const std::string& name) {
    EntityKey key{label, name};
    if (auto it = pendingEntities_.find(key); it != pendingEntities_.end()) return &it->second;
    auto it = entities_.find(key);
    return it == entities_.end() ? nullptr : &it->second;
}

BuildMemory::Relationship* BuildMemory::relationship(const std::string& type, storage::NodeId start, storage::NodeId end) {
    RelKey key{type, start, end};
    if (auto it = pendingRels_.find(key); it != pendingRels_.end()) return &it->second;
    auto it = rels_.find(key);
    return it == rels_.end() ? nullptr : &it->second;
}

void BuildMemory::remember(const std::string& label, const std::string& name, Entity entity) {
    pendingEntities_[{label, name}] = std::move(entity);
}

void BuildMemory::remember(const std::string& type, storage::NodeId start, storage::NodeId end, Relationship rel) {
    pendingRels_[{type, start, end}] = std::move(rel);
}

}  // namespace kgraph::ingest
