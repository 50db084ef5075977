// Column families and key layouts of the store (docs/storage.md draws them all).
//
// One column family per access path. Ids are big-endian fixed width so that
// RocksDB's bytewise order is numeric order and a prefix scan visits a node's
// adjacency grouped by type.
//
//   family     key                                          value
//   meta       ascii name ("format_version", "next/node", "count/...")  fixed64 / fixed32
//   tokens     kind(1) name | kind+0x20(1) id(4)            id(4) | name
//   nodes      node(8)                                      labels, properties
//   rels       rel(8)                                       type(4) start(8) end(8) properties
//   out        start(8) type(4) end(8) rel(8)               -
//   in         end(8) type(4) start(8) rel(8)               -
//   labels     label(4) node(8)                             -
//   names      label(4) varint-len normalised-name node(8)  -
//   aliases    varint-len normalised-alias node(8)          -
//   evidence   kind(1) element(8) evidence(8)               document(8) start(4) end(4) sentence rule
//   docev      document(8) kind(1) element(8) evidence(8)   -
//   documents  document key (UTF-8)                         node(8) hash
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "storage/codec.hpp"

namespace kgraph::storage {

// Index of each column family in the handles vector; order of kFamilyNames.
enum Family : int {
    kDefault = 0,  // required by RocksDB, unused
    kMeta,
    kTokens,
    kNodes,
    kRels,
    kOut,
    kIn,
    kLabels,
    kNames,
    kAliases,
    kEvidence,
    kDocEvidence,
    kDocuments,
    kFamilyCount
};

inline constexpr std::array<const char*, kFamilyCount> kFamilyNames = {
    "default", "meta", "tokens", "nodes", "rels", "out", "in",
    "labels", "names", "aliases", "evidence", "docev", "documents"};

// Meta keys.
inline constexpr std::string_view kFormatVersionKey = "format_version";
inline constexpr std::string_view kNextNodeKey = "next/node";
inline constexpr std::string_view kNextRelKey = "next/rel";
inline constexpr std::string_view kNextEvidenceKey = "next/evidence";
inline constexpr std::string_view kNextTokenKey = "next/token";

namespace keys {

inline std::string id(uint64_t v) {
    std::string k;
    putFixed64(k, v);
    return k;
}

inline std::string adjacency(uint64_t node, TokenId type, uint64_t other, uint64_t rel) {
    std::string k;
    k.reserve(28);
    putFixed64(k, node);
    putFixed32(k, type);
    putFixed64(k, other);
    putFixed64(k, rel);
    return k;
}

inline std::string label(TokenId label, uint64_t node) {
    std::string k;
    putFixed32(k, label);
    putFixed64(k, node);
    return k;
}

inline std::string namePrefix(TokenId label, std::string_view normalized) {
    std::string k;
    putFixed32(k, label);
    putLengthPrefixed(k, normalized);
    return k;
}

inline std::string aliasPrefix(std::string_view normalized) {
    std::string k;
    putLengthPrefixed(k, normalized);
    return k;
}

inline std::string evidencePrefix(char kind, uint64_t element) {
    std::string k(1, kind);
    putFixed64(k, element);
    return k;
}

inline std::string docEvidence(uint64_t doc, char kind, uint64_t element, uint64_t evidence) {
    std::string k;
    putFixed64(k, doc);
    k += kind;
    putFixed64(k, element);
    putFixed64(k, evidence);
    return k;
}

inline std::string tokenByName(char kind, std::string_view name) { return std::string(1, kind).append(name); }

inline std::string tokenById(char kind, TokenId id) {
    std::string k(1, static_cast<char>(kind + 0x20));  // 'L' -> 'l'
    putFixed32(k, id);
    return k;
}

// Counter keys in meta.
inline std::string countKey(std::string_view what) { return std::string("count/").append(what); }
inline std::string countKey(std::string_view what, TokenId token) {
    std::string k = countKey(what);
    k += '/';
    putFixed32(k, token);
    return k;
}
inline std::string countKey(std::string_view what, TokenId token, uint8_t typeTag) {
    std::string k = countKey(what, token);
    k += static_cast<char>(typeTag);
    return k;
}

}  // namespace keys
}  // namespace kgraph::storage
