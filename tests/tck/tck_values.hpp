// The openCypher TCK's notation for expected values (`(:A {name: 'x'})`,
// `[:T]`, `<(:A)-[:T]->(:B)>`, lists, maps, numbers, strings) and how a
// query result is compared with a table of them.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <kgraph/kgraph.hpp>

namespace tck {

struct Expected {
    enum class Kind { SCALAR, LIST, MAP, NODE, RELATIONSHIP, PATH };
    Kind kind = Kind::SCALAR;
    kgraph::Value scalar;                                  // SCALAR
    std::vector<Expected> items;                           // LIST; PATH: node, rel, node, ...
    std::vector<std::pair<std::string, Expected>> entries; // MAP, and the properties of NODE/RELATIONSHIP
    std::vector<std::string> labels;                       // NODE labels; RELATIONSHIP: its type
    std::vector<bool> forward;                             // PATH: each relationship points left to right
};

// nullopt when `text` is not a value in the TCK's notation.
std::optional<Expected> parseExpected(const std::string& text);

// A parameter value: scalars, lists and maps only.
std::optional<kgraph::Value> toValue(const Expected& e);

// Compares a result with a table (rows[0] the column names). Empty when they
// match, else what differs.
std::string compareResult(const kgraph::QueryResult& result, const std::vector<std::vector<std::string>>& table,
                          bool ordered, bool ignoreListOrder);

}  // namespace tck
