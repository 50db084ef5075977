// Value: a property value of the graph data model (DESIGN.md, "Data model"):
// null, boolean, integer (int64), float (double), string, list, map.
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

    // The order is the on-disk type tag order (docs/storage.md); append only.
    enum class Type : uint8_t { NUL = 0, BOOL, INT, FLOAT, STRING, LIST, MAP };

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

    Type type() const { return static_cast<Type>(v_.index()); }
    bool isNull() const { return type() == Type::NUL; }
    bool isBool() const { return type() == Type::BOOL; }
    bool isInt() const { return type() == Type::INT; }
    bool isFloat() const { return type() == Type::FLOAT; }
    bool isString() const { return type() == Type::STRING; }
    bool isList() const { return type() == Type::LIST; }
    bool isMap() const { return type() == Type::MAP; }

    // REQUIRES: the value has that type.
    bool asBool() const { return std::get<bool>(v_); }
    int64_t asInt() const { return std::get<int64_t>(v_); }
    double asFloat() const { return std::get<double>(v_); }
    const std::string& asString() const { return std::get<std::string>(v_); }
    const List& asList() const { return std::get<List>(v_); }
    const Map& asMap() const { return std::get<Map>(v_); }
    List& asList() { return std::get<List>(v_); }
    Map& asMap() { return std::get<Map>(v_); }

    // Structural equality: 1 and 1.0 differ (comparison semantics are the query engine's).
    friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

    // A readable literal: null, true, 42, 4.2e9, 'text', [1, 2], {k: 'v'}.
    std::string toString() const;

private:
    std::variant<std::monostate, bool, int64_t, double, std::string, List, Map> v_;
};

// Lower-case name of a value type, as shown by `kg stats`: "null", "boolean", "integer", ...
std::string_view typeName(Value::Type t);

}  // namespace kgraph
