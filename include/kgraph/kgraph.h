/* kgraph: the embedding API for C (docs/api.md), a layer over kgraph.hpp.
 *
 * Conventions
 * - Handles are opaque pointers made by kg_*_open / _new / _connect / _prepare
 *   and released by the matching kg_*_close / _free; a NULL handle is fine to free.
 * - Calls that can fail return a kg_status: KG_OK (0), or the kind of failure
 *   (kgraph::StatusCode of the C++ API, status.hpp). Nothing is thrown.
 * - After a failure, kg_error_message() and friends describe it: they read the
 *   last failure on the calling thread and stay valid until the next call that
 *   fails on that thread. Query errors carry their kind and position.
 * - Strings are UTF-8 and NUL-terminated. A `const char*` returned by a call is
 *   owned by the handle it came from and lives as long as it; a `char*` is the
 *   caller's, released with kg_free().
 * - Values of a result (kg_value) are borrowed from their kg_result.
 *
 * Thread-safety: a kg_database may be shared by any number of threads; a
 * kg_connection, kg_result or kg_params belongs to one thread at a time.
 */
#ifndef KGRAPH_KGRAPH_H
#define KGRAPH_KGRAPH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kg_status {
    KG_OK = 0,
    KG_INVALID_INPUT = 1, /* bad query, file, row or argument */
    KG_USAGE = 2,         /* a call out of order (commit without begin, ...) */
    KG_BUSY = 3,          /* locked by a writer, or a write on a read-only database */
    KG_LIMIT_EXCEEDED = 4,
    KG_NOT_FOUND = 5,
    KG_IO_ERROR = 6,
    KG_CORRUPTION = 7
} kg_status;

typedef struct kg_database kg_database;
typedef struct kg_connection kg_connection;
typedef struct kg_statement kg_statement;
typedef struct kg_params kg_params;
typedef struct kg_result kg_result;
typedef struct kg_value kg_value;

/* The library version, "MAJOR.MINOR.PATCH". */
const char* kg_version(void);

/* ---- errors of the last failed call on this thread */

/* The message ("line 1:8: variable `b` not defined"); "" when none. */
const char* kg_error_message(void);
/* A query error's kind ("SyntaxError", "TypeError", ... see docs/api.md); "" otherwise. */
const char* kg_error_kind(void);
/* Where in the query, 1-based; 0 when unknown or not a query error. */
int kg_error_line(void);
int kg_error_column(void);

/* Releases a string the library handed over. */
void kg_free(void* p);

/* ---- databases */

typedef struct kg_open_options {
    int read_only;          /* nonzero: no lock, sees the state committed at open */
    int create_if_missing;  /* nonzero: create an empty database (read-write only) */
    size_t cache_bytes;     /* block cache; 0: the default (64 MiB) */
} kg_open_options;

/* The defaults: read-write, create if missing, 64 MiB cache. */
kg_open_options kg_open_options_default(void);

/* Opens the database in directory `path`; `options` may be NULL for the defaults. */
kg_status kg_open(const char* path, const kg_open_options* options, kg_database** db);
/* REQUIRES: no connection of `db` is still open. */
void kg_close(kg_database* db);

/* Builds articles and JSONL facts (files or folders) into the database, each
 * document atomically; `rules_path` may be NULL for the rules kgraph ships.
 * `failed`, when not NULL, receives how many files or documents failed. */
kg_status kg_build(kg_database* db, const char* const* paths, size_t path_count, const char* rules_path,
                   uint64_t* failed);
/* Builds one article given as text; `metadata_json` (may be NULL) is a JSON
 * object of header fields: {"title": "...", "published": "2024-08-28"}. */
kg_status kg_add_document(kg_database* db, const char* key, const char* text, const char* metadata_json);
/* Builds JSONL facts given as text; `name` names the document of lines without a source. */
kg_status kg_add_facts(kg_database* db, const char* name, const char* jsonl);
/* Imports neo4j-admin CSV files all or nothing (docs/import.md); specs as on
 * the command line: "[Label=]file.csv". */
kg_status kg_import_csv(kg_database* db, const char* const* node_specs, size_t node_count,
                        const char* const* relationship_specs, size_t relationship_count);

/* Exports the graph: `format` is "dot", "graphml", "json", "csv" or "nt".
 * With `path`, writes that file (csv: directory); else `*text` receives the
 * export (kg_free it). */
kg_status kg_export(kg_database* db, const char* format, const char* path, char** text);

/* ---- connections, statements, transactions */

kg_status kg_connect(kg_database* db, kg_connection** connection);
/* Rolls back an open transaction. */
void kg_disconnect(kg_connection* connection);

/* Runs one statement; `params` may be NULL. On KG_OK `*result` is the caller's (kg_result_free). */
kg_status kg_query(kg_connection* connection, const char* query, const kg_params* params, kg_result** result);

/* Parses a statement once to run many times with kg_execute. */
kg_status kg_prepare(kg_connection* connection, const char* query, kg_statement** statement);
kg_status kg_execute(kg_connection* connection, const kg_statement* statement, const kg_params* params,
                     kg_result** result);
void kg_statement_free(kg_statement* statement);

/* Explicit transactions (see Connection in kgraph.hpp): statements see each
 * other's writes; commit writes all of them atomically, rollback none. */
kg_status kg_begin(kg_connection* connection);
kg_status kg_commit(kg_connection* connection);
kg_status kg_rollback(kg_connection* connection);

/* ---- parameters: a name -> value map for $name in queries */

kg_params* kg_params_new(void);
void kg_params_free(kg_params* params);
void kg_params_set_null(kg_params* params, const char* name);
void kg_params_set_bool(kg_params* params, const char* name, int value);
void kg_params_set_int(kg_params* params, const char* name, int64_t value);
void kg_params_set_float(kg_params* params, const char* name, double value);
void kg_params_set_string(kg_params* params, const char* name, const char* value);
/* Any JSON value: lists and maps (integers stay integers). KG_INVALID_INPUT for bad JSON. */
kg_status kg_params_set_json(kg_params* params, const char* name, const char* json);

/* ---- results */

typedef enum kg_value_type {
    KG_NULL = 0,
    KG_BOOL,
    KG_INT,
    KG_FLOAT,
    KG_STRING,
    KG_LIST,
    KG_MAP,
    KG_NODE,
    KG_RELATIONSHIP,
    KG_PATH
} kg_value_type;

void kg_result_free(kg_result* result);
size_t kg_result_column_count(const kg_result* result);
const char* kg_result_column_name(const kg_result* result, size_t column);
size_t kg_result_row_count(const kg_result* result);
/* NULL when out of range. */
const kg_value* kg_result_value(const kg_result* result, size_t row, size_t column);
/* The result as `kg query --format json` prints it; kg_free it. */
char* kg_result_to_json(const kg_result* result);
/* What the statement changed. */
uint64_t kg_result_nodes_created(const kg_result* result);
uint64_t kg_result_relationships_created(const kg_result* result);
uint64_t kg_result_properties_set(const kg_result* result);

kg_value_type kg_value_get_type(const kg_value* value);
/* REQUIRES: the value has that type (else 0, 0.0 or ""). */
int kg_value_bool(const kg_value* value);
int64_t kg_value_int(const kg_value* value);
double kg_value_float(const kg_value* value);
const char* kg_value_string(const kg_value* value);
/* Lists and maps: the number of elements; element i (NULL out of range). */
size_t kg_value_size(const kg_value* value);
const kg_value* kg_value_list_at(const kg_value* value, size_t i);
const char* kg_value_map_key(const kg_value* value, size_t i);
const kg_value* kg_value_map_at(const kg_value* value, size_t i);
/* A map entry by key; NULL when absent. */
const kg_value* kg_value_map_get(const kg_value* value, const char* key);
/* A node's or relationship's id. */
uint64_t kg_value_id(const kg_value* value);
/* A node: its labels and properties (a map). */
size_t kg_value_label_count(const kg_value* value);
const char* kg_value_label(const kg_value* value, size_t i);
const kg_value* kg_value_properties(const kg_value* value);
/* A relationship: its type and the ids of its end nodes (properties as for nodes). */
const char* kg_value_rel_type(const kg_value* value);
uint64_t kg_value_rel_start(const kg_value* value);
uint64_t kg_value_rel_end(const kg_value* value);
/* A path: its relationships (its length) and nodes (one more), as node and relationship values. */
size_t kg_value_path_length(const kg_value* value);
const kg_value* kg_value_path_node(const kg_value* value, size_t i);
const kg_value* kg_value_path_relationship(const kg_value* value, size_t i);

#ifdef __cplusplus
}
#endif

#endif /* KGRAPH_KGRAPH_H */
