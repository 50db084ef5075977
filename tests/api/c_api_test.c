/* The C API (include/kgraph/kgraph.h) from a C program: opening, queries with
 * parameters, every value type, errors with positions, a rolled-back
 * transaction, prepared statements and export. Exits 0 when all checks pass;
 * prints each failed check. Usage: c_api_test SCRATCH_DIR */
#include <kgraph/kgraph.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s (last error: %s)\n", __FILE__, \
                    __LINE__, #cond, kg_error_message());                            \
            ++failures;                                                              \
        }                                                                            \
    } while (0)

/* Runs a statement that must succeed; returns its result (NULL on failure). */
static kg_result* run(kg_connection* connection, const char* query, const kg_params* params) {
    kg_result* result = NULL;
    if (kg_query(connection, query, params, &result) != KG_OK) {
        fprintf(stderr, "query failed: %s: %s\n", query, kg_error_message());
        ++failures;
        return NULL;
    }
    return result;
}

/* The single integer a statement returns; -1 on failure. */
static int64_t count(kg_connection* connection, const char* query) {
    kg_result* result = run(connection, query, NULL);
    int64_t n = -1;
    if (result && kg_result_row_count(result) == 1) n = kg_value_int(kg_result_value(result, 0, 0));
    kg_result_free(result);
    return n;
}

static void test_values(kg_connection* connection) {
    kg_params* params = kg_params_new();
    kg_params_set_string(params, "name", "Alibaba");
    kg_params_set_int(params, "i", 42);
    kg_params_set_float(params, "f", 0.25);
    kg_params_set_bool(params, "b", 1);
    kg_params_set_null(params, "nothing");
    CHECK(kg_params_set_json(params, "list", "[1, \"two\", {\"k\": 3.5}]") == KG_OK);
    CHECK(kg_params_set_json(params, "bad", "[1,") == KG_INVALID_INPUT);

    kg_result* r = run(connection,
                       "MATCH p = (c:Company {name: $name})-[i:INVESTS_IN]->(t) "
                       "RETURN $nothing AS n, $b AS b, $i AS i, $f AS f, c.name AS s, $list AS l, "
                       "{amount: i.amount} AS m, c, i AS rel, p",
                       params);
    kg_params_free(params);
    if (!r) return;
    CHECK(kg_result_column_count(r) == 10);
    CHECK(strcmp(kg_result_column_name(r, 2), "i") == 0);
    CHECK(kg_result_row_count(r) == 1);

    CHECK(kg_value_get_type(kg_result_value(r, 0, 0)) == KG_NULL);
    CHECK(kg_value_get_type(kg_result_value(r, 0, 1)) == KG_BOOL);
    CHECK(kg_value_bool(kg_result_value(r, 0, 1)) == 1);
    CHECK(kg_value_int(kg_result_value(r, 0, 2)) == 42);
    CHECK(kg_value_float(kg_result_value(r, 0, 3)) == 0.25);
    CHECK(strcmp(kg_value_string(kg_result_value(r, 0, 4)), "Alibaba") == 0);

    const kg_value* list = kg_result_value(r, 0, 5);
    CHECK(kg_value_get_type(list) == KG_LIST);
    CHECK(kg_value_size(list) == 3);
    CHECK(kg_value_int(kg_value_list_at(list, 0)) == 1);
    CHECK(strcmp(kg_value_string(kg_value_list_at(list, 1)), "two") == 0);
    CHECK(kg_value_float(kg_value_map_get(kg_value_list_at(list, 2), "k")) == 3.5);
    CHECK(kg_value_list_at(list, 3) == NULL);

    const kg_value* map = kg_result_value(r, 0, 6);
    CHECK(kg_value_get_type(map) == KG_MAP);
    CHECK(kg_value_size(map) == 1);
    CHECK(strcmp(kg_value_map_key(map, 0), "amount") == 0);
    CHECK(kg_value_float(kg_value_map_at(map, 0)) == 4.2e9);

    const kg_value* node = kg_result_value(r, 0, 7);
    CHECK(kg_value_get_type(node) == KG_NODE);
    CHECK(kg_value_label_count(node) == 1);
    CHECK(strcmp(kg_value_label(node, 0), "Company") == 0);
    CHECK(kg_value_int(kg_value_map_get(kg_value_properties(node), "founded")) == 1999);

    const kg_value* rel = kg_result_value(r, 0, 8);
    CHECK(kg_value_get_type(rel) == KG_RELATIONSHIP);
    CHECK(strcmp(kg_value_rel_type(rel), "INVESTS_IN") == 0);
    CHECK(kg_value_rel_start(rel) == kg_value_id(node));
    CHECK(strcmp(kg_value_string(kg_value_map_get(kg_value_properties(rel), "currency")), "CNY") == 0);

    const kg_value* path = kg_result_value(r, 0, 9);
    CHECK(kg_value_get_type(path) == KG_PATH);
    CHECK(kg_value_path_length(path) == 1);
    CHECK(kg_value_id(kg_value_path_node(path, 0)) == kg_value_id(node));
    CHECK(kg_value_id(kg_value_path_relationship(path, 0)) == kg_value_id(rel));
    CHECK(kg_value_get_type(kg_value_path_node(path, 1)) == KG_NODE);
    CHECK(kg_value_path_relationship(path, 1) == NULL);

    char* json = kg_result_to_json(r);
    CHECK(json && strstr(json, "\"columns\":[\"n\",\"b\",\"i\",\"f\",\"s\",\"l\",\"m\",\"c\",\"rel\",\"p\"]"));
    CHECK(json && strstr(json, "\"type\":\"INVESTS_IN\""));
    kg_free(json);
    kg_result_free(r);
}

static void test_errors(kg_connection* connection) {
    kg_result* r = NULL;
    CHECK(kg_query(connection, "MATCH (c:Company)\nRETRUN c", NULL, &r) == KG_INVALID_INPUT);
    CHECK(r == NULL);
    CHECK(strcmp(kg_error_kind(), "SyntaxError") == 0);
    CHECK(kg_error_line() == 2);
    CHECK(kg_error_column() == 1);
    CHECK(strstr(kg_error_message(), "line 2:1") != NULL);

    CHECK(kg_query(connection, "RETURN $missing", NULL, &r) == KG_INVALID_INPUT);
    CHECK(strcmp(kg_error_kind(), "ParameterMissing") == 0);

    CHECK(kg_commit(connection) == KG_USAGE);
}

static void test_transactions(kg_connection* connection) {
    CHECK(kg_begin(connection) == KG_OK);
    kg_result_free(run(connection, "CREATE (:Company {name: 'Tencent'})-[:PARTNERS_WITH]->(:Company {name: 'X'})", NULL));
    kg_result_free(run(connection, "MATCH (c:Company {name: 'Alibaba'}) SET c.founded = 0", NULL));
    CHECK(count(connection, "MATCH (c:Company) RETURN count(*)") == 4);
    CHECK(kg_rollback(connection) == KG_OK);
    CHECK(count(connection, "MATCH (c:Company) RETURN count(*)") == 2);
    CHECK(count(connection, "MATCH (c:Company {founded: 1999}) RETURN count(*)") == 1);
    CHECK(count(connection, "MATCH ()-[r:PARTNERS_WITH]->() RETURN count(*)") == 0);

    CHECK(kg_begin(connection) == KG_OK);
    kg_result_free(run(connection, "CREATE (:Company {name: 'Tencent'})", NULL));
    CHECK(kg_commit(connection) == KG_OK);
    CHECK(count(connection, "MATCH (c:Company) RETURN count(*)") == 3);
}

static void test_prepared(kg_connection* connection) {
    kg_statement* statement = NULL;
    CHECK(kg_prepare(connection, "MATCH (c:Company {name: $name}) RETURN c.founded", &statement) == KG_OK);
    const char* names[] = {"Alibaba", "Baidu"};
    const int64_t founded[] = {1999, 2000};
    for (int i = 0; i < 2; ++i) {
        kg_params* params = kg_params_new();
        kg_params_set_string(params, "name", names[i]);
        kg_result* r = NULL;
        CHECK(kg_execute(connection, statement, params, &r) == KG_OK);
        CHECK(r && kg_value_int(kg_result_value(r, 0, 0)) == founded[i]);
        kg_result_free(r);
        kg_params_free(params);
    }
    kg_statement_free(statement);
    CHECK(kg_prepare(connection, "MATCH (", &statement) == KG_INVALID_INPUT);
}

static void test_export(kg_database* db, const char* dir) {
    char* dot = NULL;
    CHECK(kg_export(db, "dot", NULL, &dot) == KG_OK);
    CHECK(dot && strstr(dot, "digraph") && strstr(dot, "Alibaba"));
    kg_free(dot);

    char path[4096];
    snprintf(path, sizeof path, "%s/graph.graphml", dir);
    CHECK(kg_export(db, "graphml", path, NULL) == KG_OK);
    FILE* f = fopen(path, "r");
    CHECK(f != NULL);
    if (f) fclose(f);
    CHECK(kg_export(db, "nope", NULL, &dot) == KG_INVALID_INPUT);
}

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: c_api_test SCRATCH_DIR\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/kg.db", argv[1]);

    kg_database* db = NULL;
    kg_open_options options = kg_open_options_default();
    options.cache_bytes = 8 << 20;
    if (kg_open(path, &options, &db) != KG_OK) {
        fprintf(stderr, "kg_open: %s\n", kg_error_message());
        return 1;
    }
    CHECK(strlen(kg_version()) > 0);
    kg_connection* connection = NULL;
    CHECK(kg_connect(db, &connection) == KG_OK);
    kg_result_free(run(connection,
                       "CREATE (:Company {name: 'Alibaba', founded: 1999})"
                       "-[:INVESTS_IN {amount: 4.2e9, currency: 'CNY'}]->(:Topic {name: 'AI'}), "
                       "(:Company {name: 'Baidu', founded: 2000})",
                       NULL));

    test_values(connection);
    test_errors(connection);
    test_transactions(connection);
    test_prepared(connection);
    test_export(db, argv[1]);

    CHECK(kg_add_document(db, "note", "Baidu investierte 2024 in KI.", "{\"lang\": \"de\", \"title\": \"Note\"}") ==
          KG_OK);
    CHECK(count(connection, "MATCH (d:Document {key: 'note'}) RETURN count(*)") == 1);
    CHECK(kg_add_document(db, "note", "text", "[1]") == KG_INVALID_INPUT);

    kg_disconnect(connection);
    kg_close(db);

    /* A read-only open refuses writes with KG_BUSY. */
    options.read_only = 1;
    CHECK(kg_open(path, &options, &db) == KG_OK);
    CHECK(kg_connect(db, &connection) == KG_OK);
    kg_result* r = NULL;
    CHECK(kg_query(connection, "CREATE (:X)", NULL, &r) == KG_BUSY);
    kg_disconnect(connection);
    kg_close(db);

    if (failures) fprintf(stderr, "%d checks failed\n", failures);
    else printf("c_api_test: all checks passed\n");
    return failures ? 1 : 0;
}
