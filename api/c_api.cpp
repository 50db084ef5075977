// The C API (include/kgraph/kgraph.h) over the C++ one. Nothing may throw
// across it: every entry point that allocates catches, and failures land in
// the calling thread's last error.
#include <kgraph/kgraph.h>
#include <kgraph/kgraph.hpp>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <sstream>

#include <nlohmann/json.hpp>

using kgraph::Value;

struct kg_database {
    std::unique_ptr<kgraph::Database> db;
};

struct kg_connection {
    explicit kg_connection(kgraph::Database& db) : connection(db) {}
    kgraph::Connection connection;
};

struct kg_statement {
    kgraph::PreparedStatement prepared;
};

struct kg_params {
    Value::Map values;
};

// A value of a result, with what its nodes and relationships hold, built once
// with the result so that every accessor is a plain read.
struct kg_value {
    kg_value_type type = KG_NULL;
    const Value* scalar = nullptr;        // BOOL, INT, FLOAT, STRING
    std::vector<kg_value> items;          // LIST, MAP values; PATH nodes, then relationships
    std::vector<const std::string*> keys;  // MAP
    uint64_t id = 0;                       // NODE, RELATIONSHIP
    const kgraph::NodeData* node = nullptr;
    const kgraph::RelationshipData* rel = nullptr;
    std::unique_ptr<kg_value> properties;  // NODE, RELATIONSHIP
    size_t pathLength = 0;
};

struct kg_result {
    kgraph::QueryResult result;
    std::vector<kg_value> cells;  // row-major
};

namespace {

struct LastError {
    std::string message;
    std::string kind;
    int line = 0;
    int column = 0;
};

thread_local LastError lastError;

kg_status fail(const kgraph::Status& status, const kgraph::QueryError* error = nullptr) {
    lastError = {status.message(), error ? error->kind : "", error ? error->line : 0, error ? error->column : 0};
    return static_cast<kg_status>(status.code());
}

kg_status failInvalid(const std::string& message) { return fail(kgraph::Status::invalidInput(message)); }

// Runs `body` (returning kg_status), turning anything thrown into a failure.
template <typename Body>
kg_status guarded(Body&& body) {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return fail(kgraph::Status::limitExceeded("out of memory"));
    } catch (const std::exception& ex) {
        return failInvalid(ex.what());
    }
}

char* copyString(const std::string& s) {
    char* out = static_cast<char*>(std::malloc(s.size() + 1));
    if (out) std::memcpy(out, s.c_str(), s.size() + 1);
    return out;
}

kg_value mapValue(const Value::Map& map, const kgraph::QueryResult& result);

// A node (or relationship) with what the result holds for it.
kg_value entityValue(kg_value_type type, uint64_t id, const kgraph::QueryResult& result) {
    kg_value out;
    out.type = type;
    out.id = id;
    static const Value::Map none;
    const Value::Map* properties = &none;
    if (type == KG_NODE && (out.node = result.node({id}))) properties = &out.node->properties;
    if (type == KG_RELATIONSHIP && (out.rel = result.relationship({id}))) properties = &out.rel->properties;
    out.properties = std::make_unique<kg_value>(mapValue(*properties, result));
    return out;
}

kg_value toCValue(const Value& v, const kgraph::QueryResult& result) {
    kg_value out;
    out.type = static_cast<kg_value_type>(v.type());
    switch (v.type()) {
        case Value::Type::LIST:
            for (const Value& x : v.asList()) out.items.push_back(toCValue(x, result));
            break;
        case Value::Type::MAP: return mapValue(v.asMap(), result);
        case Value::Type::NODE: return entityValue(KG_NODE, v.asNode().id, result);
        case Value::Type::RELATIONSHIP: return entityValue(KG_RELATIONSHIP, v.asRelationship().id, result);
        case Value::Type::PATH:
            out.pathLength = v.asPath().relationships.size();
            for (uint64_t id : v.asPath().nodes) out.items.push_back(entityValue(KG_NODE, id, result));
            for (uint64_t id : v.asPath().relationships) out.items.push_back(entityValue(KG_RELATIONSHIP, id, result));
            break;
        default: out.scalar = &v; break;
    }
    return out;
}

kg_value mapValue(const Value::Map& map, const kgraph::QueryResult& result) {
    kg_value out;
    out.type = KG_MAP;
    for (const auto& [key, x] : map) {
        out.keys.push_back(&key);
        out.items.push_back(toCValue(x, result));
    }
    return out;
}

Value fromJson(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::boolean: return Value(j.get<bool>());
        case nlohmann::json::value_t::number_integer: return Value(j.get<int64_t>());
        case nlohmann::json::value_t::number_unsigned: {
            uint64_t u = j.get<uint64_t>();
            if (u > static_cast<uint64_t>(INT64_MAX)) return Value(static_cast<double>(u));
            return Value(static_cast<int64_t>(u));
        }
        case nlohmann::json::value_t::number_float: return Value(j.get<double>());
        case nlohmann::json::value_t::string: return Value(j.get<std::string>());
        case nlohmann::json::value_t::array: {
            Value::List list;
            for (const auto& x : j) list.push_back(fromJson(x));
            return Value(std::move(list));
        }
        case nlohmann::json::value_t::object: {
            Value::Map map;
            for (const auto& [k, x] : j.items()) map.emplace(k, fromJson(x));
            return Value(std::move(map));
        }
        default: return Value();
    }
}

kg_status finish(kgraph::Result<kgraph::QueryResult> r, const kgraph::QueryError& error, kg_result** result) {
    if (!r) return fail(r.status(), &error);
    auto out = std::make_unique<kg_result>();
    out->result = std::move(*r);
    out->cells.reserve(out->result.rows.size() * out->result.columns.size());
    for (const auto& row : out->result.rows)
        for (const Value& v : row) out->cells.push_back(toCValue(v, out->result));
    *result = out.release();
    return KG_OK;
}

const Value::Map& paramsOf(const kg_params* params) {
    static const Value::Map none;
    return params ? params->values : none;
}

std::vector<std::string> strings(const char* const* items, size_t count) {
    std::vector<std::string> out;
    for (size_t i = 0; i < count; ++i) out.emplace_back(items[i]);
    return out;
}

}  // namespace

extern "C" {

const char* kg_version(void) { return kgraph::version(); }

const char* kg_error_message(void) { return lastError.message.c_str(); }
const char* kg_error_kind(void) { return lastError.kind.c_str(); }
int kg_error_line(void) { return lastError.line; }
int kg_error_column(void) { return lastError.column; }

void kg_free(void* p) { std::free(p); }

kg_open_options kg_open_options_default(void) {
    kgraph::OpenOptions defaults;
    return {defaults.readOnly ? 1 : 0, defaults.createIfMissing ? 1 : 0, defaults.cacheBytes};
}

kg_status kg_open(const char* path, const kg_open_options* options, kg_database** db) {
    return guarded([&] {
        if (!path || !db) return failInvalid("kg_open: path and db are required");
        kgraph::OpenOptions o;
        if (options) {
            o.readOnly = options->read_only != 0;
            o.createIfMissing = options->create_if_missing != 0;
            if (options->cache_bytes) o.cacheBytes = options->cache_bytes;
        }
        auto opened = kgraph::Database::open(path, o);
        if (!opened) return fail(opened.status());
        *db = new kg_database{std::move(*opened)};
        return KG_OK;
    });
}

void kg_close(kg_database* db) { delete db; }

kg_status kg_build(kg_database* db, const char* const* paths, size_t path_count, const char* rules_path,
                   uint64_t* failed) {
    return guarded([&] {
        kgraph::BuildOptions options;
        if (rules_path) options.rulesPath = rules_path;
        auto summary = db->db->build(strings(paths, path_count), options);
        if (!summary) return fail(summary.status());
        if (failed) *failed = summary->failed;
        return KG_OK;
    });
}

kg_status kg_add_document(kg_database* db, const char* key, const char* text, const char* metadata_json) {
    return guarded([&] {
        std::map<std::string, std::string> metadata;
        if (metadata_json) {
            auto j = nlohmann::json::parse(metadata_json, nullptr, false);
            if (!j.is_object()) return failInvalid("kg_add_document: the metadata is not a JSON object");
            for (const auto& [k, v] : j.items()) {
                if (!v.is_string()) return failInvalid("kg_add_document: metadata field '" + k + "' is not a string");
                metadata[k] = v.get<std::string>();
            }
        }
        auto r = db->db->addDocument(key, text, metadata);
        return r ? KG_OK : fail(r.status());
    });
}

kg_status kg_add_facts(kg_database* db, const char* name, const char* jsonl) {
    return guarded([&] {
        auto r = db->db->addFacts(name, jsonl);
        return r ? KG_OK : fail(r.status());
    });
}

kg_status kg_import_csv(kg_database* db, const char* const* node_specs, size_t node_count,
                        const char* const* relationship_specs, size_t relationship_count) {
    return guarded([&] {
        kgraph::ImportOptions options;
        options.nodes = strings(node_specs, node_count);
        options.relationships = strings(relationship_specs, relationship_count);
        auto r = db->db->importCsv(options);
        return r ? KG_OK : fail(r.status());
    });
}

kg_status kg_export(kg_database* db, const char* format, const char* path, char** text) {
    return guarded([&] {
        kgraph::ExportRequest request;
        request.format = format ? format : "dot";
        if (path) request.path = path;
        std::ostringstream out;
        auto r = db->db->exportGraph(request, path ? nullptr : &out);
        if (!r) return fail(r.status());
        if (!path && text) *text = copyString(out.str());
        return KG_OK;
    });
}

kg_status kg_connect(kg_database* db, kg_connection** connection) {
    return guarded([&] {
        *connection = new kg_connection(*db->db);
        return KG_OK;
    });
}

void kg_disconnect(kg_connection* connection) { delete connection; }

kg_status kg_query(kg_connection* connection, const char* query, const kg_params* params, kg_result** result) {
    return guarded([&] {
        kgraph::QueryError error;
        return finish(connection->connection.query(query, paramsOf(params), &error), error, result);
    });
}

kg_status kg_prepare(kg_connection* connection, const char* query, kg_statement** statement) {
    return guarded([&] {
        kgraph::QueryError error;
        auto prepared = connection->connection.prepare(query, &error);
        if (!prepared) return fail(prepared.status(), &error);
        *statement = new kg_statement{std::move(*prepared)};
        return KG_OK;
    });
}

kg_status kg_execute(kg_connection* connection, const kg_statement* statement, const kg_params* params,
                     kg_result** result) {
    return guarded([&] {
        kgraph::QueryError error;
        return finish(connection->connection.execute(statement->prepared, paramsOf(params), &error), error, result);
    });
}

void kg_statement_free(kg_statement* statement) { delete statement; }

kg_status kg_begin(kg_connection* connection) {
    kgraph::Status s = connection->connection.begin();
    return s ? KG_OK : fail(s);
}

kg_status kg_commit(kg_connection* connection) {
    kgraph::Status s = connection->connection.commit();
    return s ? KG_OK : fail(s);
}

kg_status kg_rollback(kg_connection* connection) {
    kgraph::Status s = connection->connection.rollback();
    return s ? KG_OK : fail(s);
}

kg_params* kg_params_new(void) { return new (std::nothrow) kg_params; }
void kg_params_free(kg_params* params) { delete params; }
void kg_params_set_null(kg_params* params, const char* name) { params->values[name] = Value(); }
void kg_params_set_bool(kg_params* params, const char* name, int value) { params->values[name] = Value(value != 0); }
void kg_params_set_int(kg_params* params, const char* name, int64_t value) { params->values[name] = Value(value); }
void kg_params_set_float(kg_params* params, const char* name, double value) { params->values[name] = Value(value); }
void kg_params_set_string(kg_params* params, const char* name, const char* value) {
    params->values[name] = Value(value);
}

kg_status kg_params_set_json(kg_params* params, const char* name, const char* json) {
    return guarded([&] {
        auto j = nlohmann::json::parse(json, nullptr, false);
        if (j.is_discarded()) return failInvalid(std::string("parameter $") + name + ": not JSON");
        params->values[name] = fromJson(j);
        return KG_OK;
    });
}

void kg_result_free(kg_result* result) { delete result; }
size_t kg_result_column_count(const kg_result* result) { return result->result.columns.size(); }
const char* kg_result_column_name(const kg_result* result, size_t column) {
    return column < result->result.columns.size() ? result->result.columns[column].c_str() : nullptr;
}
size_t kg_result_row_count(const kg_result* result) { return result->result.rows.size(); }
const kg_value* kg_result_value(const kg_result* result, size_t row, size_t column) {
    const size_t columns = result->result.columns.size();
    if (row >= result->result.rows.size() || column >= columns) return nullptr;
    return &result->cells[row * columns + column];
}
char* kg_result_to_json(const kg_result* result) {
    try {
        return copyString(result->result.toJson());
    } catch (...) {
        return nullptr;
    }
}
uint64_t kg_result_nodes_created(const kg_result* result) { return result->result.stats.nodesCreated; }
uint64_t kg_result_relationships_created(const kg_result* result) {
    return result->result.stats.relationshipsCreated;
}
uint64_t kg_result_properties_set(const kg_result* result) { return result->result.stats.propertiesSet; }

kg_value_type kg_value_get_type(const kg_value* value) { return value->type; }
int kg_value_bool(const kg_value* value) { return value->type == KG_BOOL && value->scalar->asBool(); }
int64_t kg_value_int(const kg_value* value) { return value->type == KG_INT ? value->scalar->asInt() : 0; }
double kg_value_float(const kg_value* value) { return value->type == KG_FLOAT ? value->scalar->asFloat() : 0.0; }
const char* kg_value_string(const kg_value* value) {
    return value->type == KG_STRING ? value->scalar->asString().c_str() : "";
}
size_t kg_value_size(const kg_value* value) {
    return value->type == KG_LIST || value->type == KG_MAP ? value->items.size() : 0;
}
const kg_value* kg_value_list_at(const kg_value* value, size_t i) {
    return value->type == KG_LIST && i < value->items.size() ? &value->items[i] : nullptr;
}
const char* kg_value_map_key(const kg_value* value, size_t i) {
    return value->type == KG_MAP && i < value->keys.size() ? value->keys[i]->c_str() : nullptr;
}
const kg_value* kg_value_map_at(const kg_value* value, size_t i) {
    return value->type == KG_MAP && i < value->items.size() ? &value->items[i] : nullptr;
}
const kg_value* kg_value_map_get(const kg_value* value, const char* key) {
    for (size_t i = 0; value->type == KG_MAP && i < value->keys.size(); ++i)
        if (*value->keys[i] == key) return &value->items[i];
    return nullptr;
}
uint64_t kg_value_id(const kg_value* value) { return value->id; }
size_t kg_value_label_count(const kg_value* value) { return value->node ? value->node->labels.size() : 0; }
const char* kg_value_label(const kg_value* value, size_t i) {
    return value->node && i < value->node->labels.size() ? value->node->labels[i].c_str() : nullptr;
}
const kg_value* kg_value_properties(const kg_value* value) { return value->properties.get(); }
const char* kg_value_rel_type(const kg_value* value) { return value->rel ? value->rel->type.c_str() : ""; }
uint64_t kg_value_rel_start(const kg_value* value) { return value->rel ? value->rel->start : 0; }
uint64_t kg_value_rel_end(const kg_value* value) { return value->rel ? value->rel->end : 0; }
size_t kg_value_path_length(const kg_value* value) { return value->type == KG_PATH ? value->pathLength : 0; }
const kg_value* kg_value_path_node(const kg_value* value, size_t i) {
    return value->type == KG_PATH && i <= value->pathLength ? &value->items[i] : nullptr;
}
const kg_value* kg_value_path_relationship(const kg_value* value, size_t i) {
    return value->type == KG_PATH && i < value->pathLength ? &value->items[value->pathLength + 1 + i] : nullptr;
}

}  // extern "C"
