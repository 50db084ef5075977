// Value: a value of the graph data model (DESIGN.md, "Data model"): null,
// boolean, integer (int64), float (double), string, list, map, and, in query
// results only, references to nodes, relationships and paths. Properties
// never hold references; the store refuses them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace kgraph {

class Value {
public:
    using List = std::vector<Value>;
    // Ordered keys: equal maps encode and print identically.
    using Map = std::map<std::string, Value, std::less<>>;

    // A node or relationship by its id; what it holds is looked up where the
    // value is used (QueryResult carries it for results).
    struct Node {
        uint64_t id = 0;
        friend bool operator==(const Node&, const Node&) = default;
    };
    struct Relationship {
        uint64_t id = 0;
        friend bool operator==(const Relationship&, const Relationship&) = default;
    };
    // nodes.size() == relationships.size() + 1; relationships[i] joins nodes[i] and nodes[i+1].
    struct Path {
        std::vector<uint64_t> nodes;
        std::vector<uint64_t> relationships;
        friend bool operator==(const Path&, const Path&) = default;
    };

    // The order is the on-disk type tag order (docs/storage.md); append only.
    enum class Type : uint8_t { NUL = 0, BOOL, INT, FLOAT, STRING, LIST, MAP, NODE, RELATIONSHIP, PATH };

    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : v_(b) {}
    template <typename I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
    Value(I i) : v_(static_cast<int64_t>(i)) {}
    Value(double d) : v_(d) {}
    Value(std::string s) : v_(std::move(s)) {}
    Value(std::string_view s) : v_(std::string(s)) {}
    Value(const char* s) : v_(std::string(s)) {}
    Value(List l) : v_(std::move(l)) {}
    Value(Map m) : v_(std::move(m)) {}
    Value(Node n) : v_(n) {}
    Value(Relationship r) : v_(r) {}
    Value(Path p) : v_(std::move(p)) {}

    Type type() const { return static_cast<Type>(v_.index()); }
    bool isNull() const { return type() == Type::NUL; }
    bool isBool() const { return type() == Type::BOOL; }
    bool isInt() const { return type() == Type::INT; }
    bool isFloat() const { return type() == Type::FLOAT; }
    bool isString() const { return type() == Type::STRING; }
    bool isList() const { return type() == Type::LIST; }
    bool isMap() const { return type() == Type::MAP; }
    bool isNode() const { return type() == Type::NODE; }
    bool isRelationship() const { return type() == Type::RELATIONSHIP; }
    bool isPath() const { return type() == Type::PATH; }

    // REQUIRES: the value has that type.
    bool asBool() const { return std::get<bool>(v_); }
    int64_t asInt() const { return std::get<int64_t>(v_); }
    double asFloat() const { return std::get<double>(v_); }
    const std::string& asString() const { return std::get<std::string>(v_); }
    const List& asList() const { return std::get<List>(v_); }
    const Map& asMap() const { return std::get<Map>(v_); }
    List& asList() { return std::get<List>(v_); }
    Map& asMap() { return std::get<Map>(v_); }
    const Node& asNode() const { return std::get<Node>(v_); }
    const Relationship& asRelationship() const { return std::get<Relationship>(v_); }
    const Path& asPath() const { return std::get<Path>(v_); }

    // Structural equality: 1 and 1.0 differ (comparison semantics are the query engine's).
    friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

    // A readable literal: null, true, 42, 4.2e9, 'text', [1, 2], {k: 'v'};
    // references as (#12), [#7], <(#1)-[#7]-(#2)>.
    std::string toString() const;

private:
    std::variant<std::monostate, bool, int64_t, double, std::string, List, Map, Node, Relationship, Path> v_;
};

// Lower-case name of a value type, as shown by `kg stats`: "null", "boolean", "integer", ...
std::string_view typeName(Value::Type t);

}  // namespace kgraph
