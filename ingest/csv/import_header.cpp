#include "ingest/csv/import_header.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <system_error>

#include <fmt/format.h>

namespace kgraph::ingest {

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

struct KindName {
    std::string_view name;
    ColumnKind kind;
};

constexpr std::array<KindName, 6> kKinds{{
    {"ID", ColumnKind::ID},
    {"LABEL", ColumnKind::LABEL},
    {"START_ID", ColumnKind::START_ID},
    {"END_ID", ColumnKind::END_ID},
    {"TYPE", ColumnKind::TYPE},
    {"IGNORE", ColumnKind::IGNORE},
}};

struct TypeName {
    std::string_view name;
    PropertyType type;
};

// Temporal and spatial types are kept as their text until the model has them.
constexpr std::array<TypeName, 16> kTypes{{
    {"int", PropertyType::INT},
    {"long", PropertyType::INT},
    {"short", PropertyType::INT},
    {"byte", PropertyType::INT},
    {"float", PropertyType::FLOAT},
    {"double", PropertyType::FLOAT},
    {"boolean", PropertyType::BOOLEAN},
    {"string", PropertyType::STRING},
    {"char", PropertyType::STRING},
    {"date", PropertyType::STRING},
    {"localtime", PropertyType::STRING},
    {"time", PropertyType::STRING},
    {"localdatetime", PropertyType::STRING},
    {"datetime", PropertyType::STRING},
    {"duration", PropertyType::STRING},
    {"point", PropertyType::STRING},
}};

std::optional<ColumnKind> findKind(std::string_view s) {
    for (const KindName& k : kKinds) {
        if (equalsIgnoreCase(s, k.name)) return k.kind;
    }
    return std::nullopt;
}

std::optional<PropertyType> findType(std::string_view s) {
    for (const TypeName& t : kTypes) {
        if (equalsIgnoreCase(s, t.name)) return t.type;
    }
    return std::nullopt;
}

std::string_view kindName(ColumnKind kind) {
    for (const KindName& k : kKinds) {
        if (k.kind == kind) return k.name;
    }
    return "PROPERTY";
}

// Parses one header field; `number` is 1-based for messages.
Result<Column> parseColumn(std::string_view raw, size_t number) {
    auto fail = [&](const std::string& why) -> Status {
        return Status::invalidInput(fmt::format("column {} '{}': {}", number, raw, why));
    };

    std::string_view spec = trim(raw);
    Column column;

    // Split at the last ':' outside a trailing "(space)", so a space name may hold ':'.
    size_t searchEnd = spec.size();
    if (!spec.empty() && spec.back() == ')') {
        size_t open = spec.rfind('(');
        if (open != std::string_view::npos) searchEnd = open;
    }
    size_t colon = searchEnd == 0 ? std::string_view::npos : spec.rfind(':', searchEnd - 1);
    if (colon == std::string_view::npos) {
        if (spec.empty()) return fail("empty property name");
        column.name = std::string(spec);
        return column;
    }

    std::string_view name = trim(spec.substr(0, colon));
    std::string_view token = trim(spec.substr(colon + 1));
    std::string_view space;
    bool hasSpace = false;
    if (size_t open = token.find('('); open != std::string_view::npos) {
        if (token.back() != ')') return fail("malformed id space");
        space = trim(token.substr(open + 1, token.size() - open - 2));
        if (space.empty() || space.find_first_of("()") != std::string_view::npos) {
            return fail("malformed id space");
        }
        token = trim(token.substr(0, open));
        hasSpace = true;
    }
    bool isArray = false;
    if (token.size() >= 2 && token.substr(token.size() - 2) == "[]") {
        token.remove_suffix(2);
        isArray = true;
    }
    if (token.empty()) return fail("missing type after ':'");

    if (std::optional<ColumnKind> kind = findKind(token)) {
        if (isArray) return fail(fmt::format("'{}' cannot be an array", kindName(*kind)));
        bool takesSpace = *kind == ColumnKind::ID || *kind == ColumnKind::START_ID ||
                          *kind == ColumnKind::END_ID;
        if (hasSpace && !takesSpace) {
            return fail(fmt::format("'{}' takes no id space", kindName(*kind)));
        }
        column.kind = *kind;
        column.name = std::string(name);
        column.idSpace = std::string(space);
        return column;
    }
    if (std::optional<PropertyType> type = findType(token)) {
        if (hasSpace) return fail("a property column takes no id space");
        if (name.empty()) return fail("empty property name");
        column.name = std::string(name);
        column.type = *type;
        column.isArray = isArray;
        return column;
    }
    if (name.empty()) return fail(fmt::format("unknown column kind '{}'", token));
    return fail(fmt::format("unknown type '{}'", token));
}

// Field text for an error message, cut short so a huge field stays readable.
std::string quoted(std::string_view text) {
    constexpr size_t kMaxShown = 40;
    if (text.size() <= kMaxShown) return fmt::format("'{}'", text);
    return fmt::format("'{}...'", text.substr(0, kMaxShown));
}

Result<Value> parseInt(std::string_view text) {
    std::string_view digits = text;
    // from_chars takes '-' but not '+'.
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    if (digits.empty() || (digits.front() == '-' && text.front() == '+')) {
        return Status::invalidInput(fmt::format("{} is not an integer", quoted(text)));
    }
    int64_t value = 0;
    const char* end = digits.data() + digits.size();
    auto [ptr, ec] = std::from_chars(digits.data(), end, value);
    // Junk after the digits makes it no integer, however many digits came first.
    if (ptr != end || ec == std::errc::invalid_argument) {
        return Status::invalidInput(fmt::format("{} is not an integer", quoted(text)));
    }
    if (ec == std::errc::result_out_of_range) {
        return Status::invalidInput(
            fmt::format("{} is out of range for a 64-bit integer", quoted(text)));
    }
    return Value(value);
}

Result<Value> parseFloat(std::string_view text) {
    auto notANumber = [&] {
        return Status::invalidInput(fmt::format("{} is not a number", quoted(text)));
    };
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    if (digits.empty() || (digits.front() == '-' && text.front() == '+')) return notANumber();
    // from_chars also reads "nan", "inf" and "infinity" in any case, like strtod.
    double value = 0;
    const char* end = digits.data() + digits.size();
    auto [ptr, ec] = std::from_chars(digits.data(), end, value);
    if (ptr != end) return notANumber();
    if (ec == std::errc::result_out_of_range) {
        // from_chars leaves the value unset; strtod tells overflow (error) from
        // underflow (a tiny number, fine) on a bounded, terminated copy.
        std::string copy(digits);
        errno = 0;
        value = std::strtod(copy.c_str(), nullptr);
        if (std::isinf(value)) {
            return Status::invalidInput(
                fmt::format("{} is out of range for a float", quoted(text)));
        }
    } else if (ec != std::errc()) {
        return notANumber();
    }
    return Value(value);
}

Result<Value> parseBool(std::string_view text) {
    if (equalsIgnoreCase(text, "true")) return Value(true);
    if (equalsIgnoreCase(text, "false")) return Value(false);
    return Status::invalidInput(fmt::format("{} is not a boolean", quoted(text)));
}

Result<Value> parseScalar(std::string_view text, PropertyType type) {
    switch (type) {
        case PropertyType::STRING: return Value(text);
        case PropertyType::INT: return parseInt(text);
        case PropertyType::FLOAT: return parseFloat(text);
        case PropertyType::BOOLEAN: return parseBool(text);
    }
    return Value(text);
}

}  // namespace

Result<std::vector<Column>> parseHeader(const std::vector<std::string_view>& fields) {
    std::vector<Column> columns;
    columns.reserve(fields.size());
    // Column number of the first column of each kind that may appear once.
    std::array<size_t, 7> seen{};
    for (size_t i = 0; i < fields.size(); ++i) {
        Result<Column> column = parseColumn(fields[i], i + 1);
        if (!column) return column.status();
        ColumnKind kind = column->kind;
        if (kind != ColumnKind::PROPERTY && kind != ColumnKind::IGNORE) {
            size_t& first = seen[static_cast<size_t>(kind)];
            if (first != 0) {
                return Status::invalidInput(
                    fmt::format("column {} '{}': duplicate {} column (first is column {})", i + 1,
                                fields[i], kindName(kind), first));
            }
            first = i + 1;
        }
        columns.push_back(std::move(column.value()));
    }
    return columns;
}

Result<Value> parseField(std::string_view text, const Column& column, char arrayDelimiter) {
    if (text.empty()) return Value();
    if (!column.isArray) return parseScalar(text, column.type);

    Value::List items;
    for (;;) {
        size_t cut = text.find(arrayDelimiter);
        std::string_view item = text.substr(0, cut);
        Result<Value> value = parseScalar(item, column.type);
        if (!value) return value.status();
        items.push_back(std::move(value.value()));
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut + 1);
    }
    return Value(std::move(items));
}

}  // namespace kgraph::ingest
