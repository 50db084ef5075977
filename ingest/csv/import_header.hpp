// The header line of a neo4j-admin import CSV file, e.g.
//   id:ID(Person)|:LABEL|name:string|born:int|tags:string[]
//   :START_ID(Person)|:END_ID(Company)|:TYPE|since:long
// and the typed parsing of one field under its column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <kgraph/status.hpp>
#include <kgraph/value.hpp>

namespace kgraph::ingest {

enum class ColumnKind { ID, LABEL, START_ID, END_ID, TYPE, PROPERTY, IGNORE };

// Scalar type of a property column. Header type names are case-insensitive:
// int, long, short, byte -> INT; float, double -> FLOAT; boolean -> BOOLEAN;
// string, char and the temporal/spatial names we do not model yet -> STRING.
enum class PropertyType { STRING, INT, FLOAT, BOOLEAN };

struct Column {
    ColumnKind kind = ColumnKind::PROPERTY;
    std::string name;     // property name; for ID the property the id is also stored as ("" = not stored)
    std::string idSpace;  // ID, START_ID, END_ID: the group in parentheses ("" = the global space)
    PropertyType type = PropertyType::STRING;
    bool isArray = false;  // `name:string[]`: a list, items split on the array delimiter
};

// Parses header fields. INVALID_INPUT with a message naming the column for an
// unknown `:KIND`, an empty property name, a malformed `(space)`, or duplicate
// ID/LABEL/START_ID/END_ID/TYPE columns.
Result<std::vector<Column>> parseHeader(const std::vector<std::string_view>& fields);

// Converts one field to a Value of the column's type. An empty field is null
// (no property). INT accepts an optional sign and decimal digits, FLOAT what
// strtod accepts (also "NaN", "Infinity"), BOOLEAN "true"/"false" in any case.
// INVALID_INPUT with the reason ("'abc' is not an integer") otherwise.
Result<Value> parseField(std::string_view text, const Column& column, char arrayDelimiter = ';');

}  // namespace kgraph::ingest
