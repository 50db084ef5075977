// Encoding of the records stored under the keys of keys.hpp.
//
//   node      varint label count, label tokens (varint), property list
//   rel       type(4) start(8) end(8) property list
//   evidence  document(8) start(4) end(4) length-prefixed sentence, length-prefixed rule
//   document  node(8) length-prefixed hash
#pragma once

#include <string>
#include <string_view>

#include "storage/store.hpp"

namespace kgraph::storage::records {

std::string encodeNode(const NodeRecord& node);
void encodeNode(const NodeRecord& node, std::string& out);  // replaces `out`, reusing its memory
bool decodeNode(NodeId id, std::string_view in, NodeRecord& node);

std::string encodeRel(const RelRecord& rel);
void encodeRel(const RelRecord& rel, std::string& out);
bool decodeRel(RelId id, std::string_view in, RelRecord& rel);

std::string encodeEvidence(const EvidenceRecord& ev);
// `key` is the evidence-family key: kind(1) element(8) evidence(8).
bool decodeEvidence(std::string_view key, std::string_view in, EvidenceRecord& ev);

std::string encodeDocument(const DocumentRecord& doc);
bool decodeDocument(std::string_view key, std::string_view in, DocumentRecord& doc);

// Sorts by key and drops null values (a null property is an absent one).
void canonicalize(PropertyList& props);

}  // namespace kgraph::storage::records
