// query/parser/parser.hpp: query text -> AST. Each clause and expression
// form is checked through a compact dump of the AST (an S-expression for
// expressions, Cypher-like text for patterns); then column texts,
// positions, error messages and excerpts, nesting bounds, and every query of
// the openCypher TCK (../shared/tck) that must parse.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "query/parser/parser.hpp"

namespace kgraph::query {
namespace {

// ---- AST dumps

std::string dump(const ast::Expr* e);
std::string dump(const ast::PatternPart& part);

std::string dumpValue(const Value& v) {
    if (v.isNull()) return "null";
    if (v.isBool()) return v.asBool() ? "true" : "false";
    if (v.isInt()) return std::to_string(v.asInt());
    if (v.isFloat()) return fmt::format("{}f", v.asFloat());
    if (v.isString()) return "'" + v.asString() + "'";
    return "?";
}

std::string opName(ast::Op op) {
    switch (op) {
        case ast::Op::NOT: return "not";
        case ast::Op::NEG: return "neg";
        case ast::Op::POS: return "pos";
        case ast::Op::ADD: return "+";
        case ast::Op::SUB: return "-";
        case ast::Op::MUL: return "*";
        case ast::Op::DIV: return "/";
        case ast::Op::MOD: return "%";
        case ast::Op::POW: return "^";
        case ast::Op::EQ: return "=";
        case ast::Op::NE: return "<>";
        case ast::Op::LT: return "<";
        case ast::Op::LE: return "<=";
        case ast::Op::GT: return ">";
        case ast::Op::GE: return ">=";
        case ast::Op::AND: return "and";
        case ast::Op::OR: return "or";
        case ast::Op::XOR: return "xor";
        case ast::Op::IN: return "in";
        case ast::Op::STARTS_WITH: return "starts-with";
        case ast::Op::ENDS_WITH: return "ends-with";
        case ast::Op::CONTAINS: return "contains";
        case ast::Op::REGEX_MATCH: return "=~";
    }
    return "?";
}

std::string dumpArgs(const ast::Expr& e, size_t from = 0) {
    std::string out;
    for (size_t i = from; i < e.args.size(); ++i) out += " " + dump(e.args[i].get());
    return out;
}

std::string dumpPattern(const ast::Pattern& p) {
    std::string out;
    for (const auto& part : p.parts) out += (out.empty() ? "" : ", ") + dump(part);
    return out;
}

// A missing optional part prints as "_" (a null literal prints as "null").
std::string dump(const ast::Expr* e) {
    if (!e) return "_";
    using K = ast::ExprKind;
    switch (e->kind) {
        case K::LITERAL: return dumpValue(e->value);
        case K::PARAMETER: return "$" + e->name;
        case K::VARIABLE: return e->name;
        case K::PROPERTY: return "(. " + dump(e->args[0].get()) + " " + e->name + ")";
        case K::SUBSCRIPT: return "([]" + dumpArgs(*e) + ")";
        case K::SLICE: return "([..]" + dumpArgs(*e) + ")";
        case K::UNARY:
        case K::BINARY: return "(" + opName(e->op) + dumpArgs(*e) + ")";
        case K::IS_NULL: return "(is-null" + dumpArgs(*e) + ")";
        case K::IS_NOT_NULL: return "(is-not-null" + dumpArgs(*e) + ")";
        case K::HAS_LABELS: {
            std::string out = "(labels" + dumpArgs(*e);
            for (const auto& l : e->labels) out += " " + l;
            return out + ")";
        }
        case K::LIST: return "[" + (e->args.empty() ? "" : dumpArgs(*e).substr(1)) + "]";
        case K::MAP: {
            std::string out = "{";
            for (size_t i = 0; i < e->keys.size(); ++i)
                out += (i ? ", " : "") + e->keys[i] + ": " + dump(e->args[i].get());
            return out + "}";
        }
        case K::FUNCTION: return "(" + e->name + (e->distinct ? " distinct" : "") + dumpArgs(*e) + ")";
        case K::COUNT_STAR: return "(count *)";
        case K::CASE: {
            std::string out = "(case " + dump(e->args[0].get());
            for (size_t i = 1; i + 2 < e->args.size(); i += 2)
                out += " (when " + dump(e->args[i].get()) + " " + dump(e->args[i + 1].get()) + ")";
            return out + " " + dump(e->args.back().get()) + ")";
        }
        case K::LIST_COMPREHENSION: return "(list " + e->variable + dumpArgs(*e) + ")";
        case K::QUANTIFIER: {
            const char* q[] = {"all", "any", "none", "single"};
            return std::string("(") + q[static_cast<int>(e->quantifier)] + " " + e->variable + dumpArgs(*e) + ")";
        }
        case K::REDUCE:
            return "(reduce " + e->keys[0] + " " + dump(e->args[0].get()) + " " + e->variable + dumpArgs(*e, 1) + ")";
        case K::PATTERN_COMPREHENSION: return "(pattern-list " + dumpPattern(*e->pattern) + dumpArgs(*e) + ")";
        case K::PATTERN_PREDICATE: return "(pattern " + dumpPattern(*e->pattern) + ")";
        case K::EXISTS_SUBQUERY:
            if (e->subquery) return fmt::format("(exists-query {} clauses)", e->subquery->clauses.size());
            return "(exists " + dumpPattern(*e->pattern) + dumpArgs(*e) + ")";
        case K::MAP_PROJECTION: {
            std::string out = "(project " + e->variable;
            for (const auto& item : e->projection) {
                using I = ast::MapProjectionItem::Kind;
                if (item.kind == I::PROPERTY) out += " ." + item.key;
                if (item.kind == I::ALL_PROPERTIES) out += " .*";
                if (item.kind == I::VARIABLE) out += " " + item.key;
                if (item.kind == I::LITERAL) out += " " + item.key + ": " + dump(item.value.get());
            }
            return out + ")";
        }
    }
    return "?";
}

std::string dumpLabels(const std::vector<std::vector<std::string>>& labels) {
    std::string out;
    for (const auto& anyOf : labels) {
        out += ":";
        for (size_t i = 0; i < anyOf.size(); ++i) out += (i ? "|" : "") + anyOf[i];
    }
    return out;
}

std::string dump(const ast::NodePattern& n) {
    std::string out = "(" + n.variable + dumpLabels(n.labels);
    if (n.properties) out += " " + dump(n.properties.get());
    return out + ")";
}

std::string dump(const ast::RelPattern& r) {
    std::string detail = r.variable;
    for (size_t i = 0; i < r.types.size(); ++i) detail += (i ? "|" : ":") + r.types[i];
    if (r.variableLength) {
        detail += "*";
        if (r.minHops) detail += std::to_string(*r.minHops);
        if (r.minHops != r.maxHops || !r.minHops) {
            detail += "..";
            if (r.maxHops) detail += std::to_string(*r.maxHops);
        }
    }
    if (r.properties) detail += " " + dump(r.properties.get());
    std::string left = r.direction == ast::Direction::INCOMING ? "<-" : "-";
    std::string right = r.direction == ast::Direction::OUTGOING ? "->" : "-";
    return left + "[" + detail + "]" + right;
}

std::string dump(const ast::PatternPart& part) {
    std::string out;
    for (size_t i = 0; i < part.nodes.size(); ++i) {
        out += dump(part.nodes[i]);
        if (i < part.rels.size()) out += dump(part.rels[i]);
    }
    if (part.kind == ast::PatternPart::Kind::SHORTEST_PATH) out = "shortestPath(" + out + ")";
    if (part.kind == ast::PatternPart::Kind::ALL_SHORTEST_PATHS) out = "allShortestPaths(" + out + ")";
    if (!part.pathVariable.empty()) out = part.pathVariable + " = " + out;
    return out;
}

// ---- helpers

ast::Statement parseOk(const std::string& query) {
    QueryError error;
    auto result = parse(query, &error);
    if (!result.isOk()) {
        ADD_FAILURE() << "failed to parse: " << query << "\n" << result.status().toString();
        return {};
    }
    return std::move(result).value();
}

// The message of the syntax error `query` gives.
std::string errorOf(const std::string& query) {
    auto result = parse(query);
    if (result.isOk()) return "parsed";
    EXPECT_EQ(result.status().code(), StatusCode::INVALID_INPUT);
    return result.status().message();
}

template <typename T>
const T& clauseAt(const ast::Statement& s, size_t i, size_t query = 0) {
    static const T empty{};
    if (query >= s.queries.size() || i >= s.queries[query].clauses.size()) {
        ADD_FAILURE() << "no clause " << i;
        return empty;
    }
    const T* c = std::get_if<T>(&s.queries[query].clauses[i].body);
    if (!c) {
        ADD_FAILURE() << "clause " << i << " has another kind";
        return empty;
    }
    return *c;
}

// The AST of expression `text` (as a RETURN item).
std::string expr(const std::string& text) {
    auto s = parseOk("RETURN " + text);
    const auto& r = clauseAt<ast::Return>(s, 0);
    if (r.projection.items.empty()) return "<none>";
    return dump(r.projection.items[0].expr.get());
}

// The AST of WHERE `text`, where patterns may stand.
std::string where(const std::string& text) {
    auto s = parseOk("MATCH (n) WHERE " + text + " RETURN n");
    return dump(clauseAt<ast::Match>(s, 0).where.get());
}

std::string pattern(const std::string& text) {
    auto s = parseOk("MATCH " + text + " RETURN 1");
    return dumpPattern(clauseAt<ast::Match>(s, 0).pattern);
}

std::string repeat(const std::string& s, size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
}

// ---- clauses

TEST(ParserClauses, MatchAndOptionalMatch) {
    auto s = parseOk("MATCH (a)-[r]->(b), (c) WHERE a.x = 1 OPTIONAL MATCH (b)<--(d) RETURN a");
    ASSERT_EQ(s.queries.size(), 1u);
    ASSERT_EQ(s.queries[0].clauses.size(), 3u);
    const auto& m = clauseAt<ast::Match>(s, 0);
    EXPECT_FALSE(m.optional);
    EXPECT_EQ(dumpPattern(m.pattern), "(a)-[r]->(b), (c)");
    EXPECT_EQ(dump(m.where.get()), "(= (. a x) 1)");
    const auto& o = clauseAt<ast::Match>(s, 1);
    EXPECT_TRUE(o.optional);
    EXPECT_EQ(dumpPattern(o.pattern), "(b)<-[]-(d)");
    EXPECT_EQ(o.where, nullptr);
    EXPECT_EQ(s.mode, ast::Statement::Mode::NORMAL);
}

TEST(ParserClauses, Unwind) {
    auto s = parseOk("UNWIND [1, 2] AS x RETURN x");
    const auto& u = clauseAt<ast::Unwind>(s, 0);
    EXPECT_EQ(dump(u.list.get()), "[1 2]");
    EXPECT_EQ(u.variable, "x");
}

TEST(ParserClauses, WithProjectionOrderSkipLimitWhere) {
    auto s = parseOk("MATCH (n) WITH DISTINCT n.a AS a, n ORDER BY a DESC, n.b ASC, n.c DESCENDING, n.d ASCENDING, n.e "
                     "SKIP 2 LIMIT $l WHERE a > 1 RETURN a");
    const auto& w = clauseAt<ast::With>(s, 1);
    const auto& p = w.projection;
    EXPECT_TRUE(p.distinct);
    EXPECT_FALSE(p.star);
    ASSERT_EQ(p.items.size(), 2u);
    EXPECT_EQ(dump(p.items[0].expr.get()), "(. n a)");
    EXPECT_EQ(p.items[0].alias, "a");
    EXPECT_EQ(p.items[1].alias, "");
    ASSERT_EQ(p.orderBy.size(), 5u);
    EXPECT_TRUE(p.orderBy[0].descending);
    EXPECT_FALSE(p.orderBy[1].descending);
    EXPECT_TRUE(p.orderBy[2].descending);
    EXPECT_FALSE(p.orderBy[3].descending);
    EXPECT_FALSE(p.orderBy[4].descending);
    EXPECT_EQ(dump(p.orderBy[1].expr.get()), "(. n b)");
    EXPECT_EQ(dump(p.skip.get()), "2");
    EXPECT_EQ(dump(p.limit.get()), "$l");
    EXPECT_EQ(dump(w.where.get()), "(> a 1)");
}

TEST(ParserClauses, ReturnStarAndItems) {
    auto s = parseOk("MATCH (n) RETURN *");
    EXPECT_TRUE(clauseAt<ast::Return>(s, 1).projection.star);
    EXPECT_TRUE(clauseAt<ast::Return>(s, 1).projection.items.empty());
    s = parseOk("MATCH (n) RETURN *, n.x AS x ORDER BY x SKIP 1 LIMIT 2");
    const auto& p = clauseAt<ast::Return>(s, 1).projection;
    EXPECT_TRUE(p.star);
    ASSERT_EQ(p.items.size(), 1u);
    EXPECT_EQ(p.items[0].alias, "x");
    EXPECT_EQ(p.orderBy.size(), 1u);
    EXPECT_EQ(dump(p.skip.get()), "1");
    EXPECT_EQ(dump(p.limit.get()), "2");
    s = parseOk("RETURN DISTINCT 1");
    EXPECT_TRUE(clauseAt<ast::Return>(s, 0).projection.distinct);
    s = parseOk("WITH * RETURN 1");
    EXPECT_TRUE(clauseAt<ast::With>(s, 0).projection.star);
}

TEST(ParserClauses, CreateAndMerge) {
    auto s = parseOk("CREATE (a:A {k: 1})-[:T {w: 2}]->(b), (c)");
    EXPECT_EQ(dumpPattern(clauseAt<ast::Create>(s, 0).pattern), "(a:A {k: 1})-[:T {w: 2}]->(b), (c)");
    s = parseOk("MERGE (a:A {k: 1}) ON CREATE SET a.created = 1, a.n = 0 ON MATCH SET a.n = a.n + 1 "
                "ON CREATE SET a:New");
    const auto& m = clauseAt<ast::Merge>(s, 0);
    EXPECT_EQ(dump(m.part), "(a:A {k: 1})");
    ASSERT_EQ(m.onCreate.size(), 3u);
    ASSERT_EQ(m.onMatch.size(), 1u);
    EXPECT_EQ(dump(m.onCreate[0].target.get()), "(. a created)");
    EXPECT_EQ(m.onCreate[2].kind, ast::SetItem::Kind::LABELS);
    EXPECT_EQ(dump(m.onMatch[0].value.get()), "(+ (. a n) 1)");
    s = parseOk("MERGE p = (a)-[:T]->(b)");
    EXPECT_EQ(dump(clauseAt<ast::Merge>(s, 0).part), "p = (a)-[:T]->(b)");
}

TEST(ParserClauses, SetItems) {
    auto s = parseOk("MATCH (n) SET n.p = 1, n = {a: 1}, n += $m, n:A:B, (n).q = 2, n.a.b = 3, l[0].c = 4, "
                     "head(x).d = 5");
    const auto& items = clauseAt<ast::Set>(s, 1).items;
    ASSERT_EQ(items.size(), 8u);
    EXPECT_EQ(items[0].kind, ast::SetItem::Kind::PROPERTY);
    EXPECT_EQ(dump(items[0].target.get()), "(. n p)");
    EXPECT_EQ(items[0].target->text, "n.p");
    EXPECT_EQ(dump(items[0].value.get()), "1");
    EXPECT_EQ(items[1].kind, ast::SetItem::Kind::REPLACE);
    EXPECT_EQ(items[1].variable, "n");
    EXPECT_EQ(dump(items[1].value.get()), "{a: 1}");
    EXPECT_EQ(items[2].kind, ast::SetItem::Kind::MERGE);
    EXPECT_EQ(dump(items[2].value.get()), "$m");
    EXPECT_EQ(items[3].kind, ast::SetItem::Kind::LABELS);
    EXPECT_EQ(items[3].labels, (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(dump(items[4].target.get()), "(. n q)");
    EXPECT_EQ(items[4].target->text, "(n).q");
    EXPECT_EQ(dump(items[5].target.get()), "(. (. n a) b)");
    EXPECT_EQ(items[5].target->text, "n.a.b");
    EXPECT_EQ(items[5].target->args[0]->text, "n.a");
    EXPECT_EQ(dump(items[6].target.get()), "(. ([] l 0) c)");
    EXPECT_EQ(items[6].target->args[0]->text, "l[0]");
    EXPECT_EQ(dump(items[7].target.get()), "(. (head x) d)");
    EXPECT_EQ(errorOf("MATCH (n) SET n.p"), "line 1:18: unexpected end of query, expected '='");
    EXPECT_EQ(items[0].pos.column, 15u);
}

TEST(ParserClauses, RemoveDeleteDetach) {
    auto s = parseOk("MATCH (n) REMOVE n.p, n:A:B, n.a.b DELETE n, m DETACH DELETE x");
    const auto& items = clauseAt<ast::Remove>(s, 1).items;
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].kind, ast::RemoveItem::Kind::PROPERTY);
    EXPECT_EQ(dump(items[0].target.get()), "(. n p)");
    EXPECT_EQ(items[1].kind, ast::RemoveItem::Kind::LABELS);
    EXPECT_EQ(items[1].variable, "n");
    EXPECT_EQ(items[1].labels, (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(dump(items[2].target.get()), "(. (. n a) b)");
    const auto& d = clauseAt<ast::Delete>(s, 2);
    EXPECT_FALSE(d.detach);
    ASSERT_EQ(d.targets.size(), 2u);
    EXPECT_EQ(dump(d.targets[1].get()), "m");
    EXPECT_TRUE(clauseAt<ast::Delete>(s, 3).detach);
}

TEST(ParserClauses, Call) {
    auto s = parseOk("CALL algo.pagerank({damping: 0.85}) YIELD node, score AS s WHERE s > 0.1 RETURN node");
    const auto& c = clauseAt<ast::Call>(s, 0);
    EXPECT_EQ(c.procedure, "algo.pagerank");
    EXPECT_TRUE(c.hasArgumentList);
    ASSERT_EQ(c.args.size(), 1u);
    EXPECT_EQ(dump(c.args[0].get()), "{damping: 0.85f}");
    ASSERT_EQ(c.yields.size(), 2u);
    EXPECT_EQ(c.yields[0].field, "node");
    EXPECT_EQ(c.yields[0].alias, "");
    EXPECT_EQ(c.yields[1].field, "score");
    EXPECT_EQ(c.yields[1].alias, "s");
    EXPECT_EQ(dump(c.where.get()), "(> s 0.1f)");
    EXPECT_FALSE(c.yieldStar);

    s = parseOk("CALL db.labels");
    EXPECT_EQ(clauseAt<ast::Call>(s, 0).procedure, "db.labels");
    EXPECT_FALSE(clauseAt<ast::Call>(s, 0).hasArgumentList);
    s = parseOk("CALL test.my.proc() YIELD *");
    EXPECT_TRUE(clauseAt<ast::Call>(s, 0).hasArgumentList);
    EXPECT_TRUE(clauseAt<ast::Call>(s, 0).yieldStar);
    EXPECT_TRUE(clauseAt<ast::Call>(s, 0).args.empty());
    // Reserved words may be parts of a procedure name.
    s = parseOk("CALL db.create.setProperty(1, 'a')");
    EXPECT_EQ(clauseAt<ast::Call>(s, 0).procedure, "db.create.setProperty");
}

TEST(ParserClauses, ExplainProfileUnionSemicolon) {
    EXPECT_EQ(parseOk("EXPLAIN MATCH (n) RETURN n").mode, ast::Statement::Mode::EXPLAIN);
    EXPECT_EQ(parseOk("profile MATCH (n) RETURN n;").mode, ast::Statement::Mode::PROFILE);
    auto s = parseOk("RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a ;");
    ASSERT_EQ(s.queries.size(), 3u);
    EXPECT_EQ(s.unionAll, (std::vector<bool>{false, true}));
    EXPECT_EQ(dump(clauseAt<ast::Return>(s, 0, 2).projection.items[0].expr.get()), "3");
}

TEST(ParserClauses, KeywordsAreCaseInsensitive) {
    auto s = parseOk("match (n:Person) where n.age >= 18 and not n.banned return distinct n.name as name "
                     "order by name desc skip 1 limit 5");
    EXPECT_TRUE(clauseAt<ast::Return>(s, 1).projection.distinct);
    EXPECT_EQ(dump(clauseAt<ast::Match>(s, 0).where.get()), "(and (>= (. n age) 18) (not (. n banned)))");
    s = parseOk("OpTiOnAl MaTcH (n) ReTuRn CoUnT(*), TRUE, False, NuLL");
    EXPECT_TRUE(clauseAt<ast::Match>(s, 0).optional);
    const auto& items = clauseAt<ast::Return>(s, 1).projection.items;
    EXPECT_EQ(dump(items[0].expr.get()), "(count *)");
    EXPECT_EQ(dump(items[1].expr.get()), "true");
    EXPECT_EQ(dump(items[2].expr.get()), "false");
    EXPECT_EQ(dump(items[3].expr.get()), "null");
}

TEST(ParserClauses, CommentsAndWhitespace) {
    auto s = parseOk("// leading comment\nMATCH /* inline */ (n) // trailing\n\tRETURN\r\n n /* last */;");
    EXPECT_EQ(s.queries[0].clauses.size(), 2u);
    s = parseOk("RETURN 1 /* a comment with * and / and // inside */ + 2");
    EXPECT_EQ(dump(clauseAt<ast::Return>(s, 0).projection.items[0].expr.get()), "(+ 1 2)");
    // '//' inside a string is text, not a comment.
    EXPECT_EQ(expr("'http://x' "), "'http://x'");
}

TEST(ParserClauses, ClausePositions) {
    auto s = parseOk("MATCH (n)\n  WITH n\nRETURN n");
    const auto& clauses = s.queries[0].clauses;
    EXPECT_EQ(clauses[0].pos.line, 1u);
    EXPECT_EQ(clauses[0].pos.column, 1u);
    EXPECT_EQ(clauses[1].pos.line, 2u);
    EXPECT_EQ(clauses[1].pos.column, 3u);
    EXPECT_EQ(clauses[2].pos.line, 3u);
    EXPECT_EQ(clauses[2].pos.column, 1u);
}

// ---- patterns

TEST(ParserPatterns, Nodes) {
    EXPECT_EQ(pattern("(n:A:B {k: 'v', j: 2})"), "(n:A:B {k: 'v', j: 2})");
    EXPECT_EQ(pattern("(:A|B:C)"), "(:A|B:C)");
    EXPECT_EQ(pattern("(n:A|:B)"), "(n:A|B)");
    EXPECT_EQ(pattern("(n $props)"), "(n $props)");
    EXPECT_EQ(pattern("()"), "()");
    auto s = parseOk("MATCH (n:A|B) RETURN n");
    EXPECT_EQ(clauseAt<ast::Match>(s, 0).pattern.parts[0].nodes[0].labels,
              (std::vector<std::vector<std::string>>{{"A", "B"}}));
    s = parseOk("MATCH (n:A:B) RETURN n");
    EXPECT_EQ(clauseAt<ast::Match>(s, 0).pattern.parts[0].nodes[0].labels,
              (std::vector<std::vector<std::string>>{{"A"}, {"B"}}));
}

TEST(ParserPatterns, RelationshipDirectionsAndTypes) {
    EXPECT_EQ(pattern("(a)-->(b)"), "(a)-[]->(b)");
    EXPECT_EQ(pattern("(a)<--(b)"), "(a)<-[]-(b)");
    EXPECT_EQ(pattern("(a)--(b)"), "(a)-[]-(b)");
    EXPECT_EQ(pattern("(a)<-->(b)"), "(a)-[]-(b)");
    EXPECT_EQ(pattern("(a)-[r:T|U {k: 1}]->(b)"), "(a)-[r:T|U {k: 1}]->(b)");
    EXPECT_EQ(pattern("(a)<-[:A|:B]-(b)"), "(a)<-[:A|B]-(b)");
    EXPECT_EQ(pattern("(a)-[r $p]-(b)"), "(a)-[r $p]-(b)");
    EXPECT_EQ(pattern("(a)-[]->(b)<-[:X]-(c)--(d)"), "(a)-[]->(b)<-[:X]-(c)-[]-(d)");
}

TEST(ParserPatterns, VariableLength) {
    auto rel = [](const std::string& r) {
        auto s = parseOk("MATCH (a)-" + r + "->(b) RETURN a");
        if (s.queries.empty()) return ast::RelPattern{};
        return std::move(std::get<ast::Match>(s.queries[0].clauses[0].body).pattern.parts[0].rels[0]);
    };
    auto any = rel("[*]");
    EXPECT_TRUE(any.variableLength);
    EXPECT_FALSE(any.minHops);
    EXPECT_FALSE(any.maxHops);
    auto exact = rel("[*2]");
    EXPECT_EQ(exact.minHops, 2);
    EXPECT_EQ(exact.maxHops, 2);
    auto range = rel("[r:T|U*1..3 {k: 1}]");
    EXPECT_EQ(range.minHops, 1);
    EXPECT_EQ(range.maxHops, 3);
    EXPECT_EQ(range.types, (std::vector<std::string>{"T", "U"}));
    EXPECT_EQ(range.variable, "r");
    EXPECT_TRUE(range.properties);
    auto upper = rel("[*..3]");
    EXPECT_FALSE(upper.minHops);
    EXPECT_EQ(upper.maxHops, 3);
    auto lower = rel("[*2..]");
    EXPECT_EQ(lower.minHops, 2);
    EXPECT_FALSE(lower.maxHops);
    auto spaced = rel("[* 0 .. 0x10]");
    EXPECT_EQ(spaced.minHops, 0);
    EXPECT_EQ(spaced.maxHops, 16);
    // An empty interval is valid and matches nothing.
    EXPECT_EQ(rel("[*2..1]").maxHops, 1);
    EXPECT_FALSE(rel("[r]").variableLength);
}

TEST(ParserPatterns, NamedPathsAndShortestPaths) {
    EXPECT_EQ(pattern("p = (a)-->(b)"), "p = (a)-[]->(b)");
    EXPECT_EQ(pattern("p = shortestPath((a)-[*]-(b))"), "p = shortestPath((a)-[*..]-(b))");
    EXPECT_EQ(pattern("allShortestPaths((a)-[:T*..5]->(b))"), "allShortestPaths((a)-[:T*..5]->(b))");
    EXPECT_EQ(pattern("((a)-->(b))"), "(a)-[]->(b)");
    EXPECT_EQ(pattern("p = ((a)-->(b))"), "p = (a)-[]->(b)");
}

TEST(ParserPatterns, PartTextAndPositions) {
    auto s = parseOk("MATCH p = (a:A)-[r]->(b),\n      (c)  RETURN p");
    const auto& parts = clauseAt<ast::Match>(s, 0).pattern.parts;
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].text, "p = (a:A)-[r]->(b)");
    EXPECT_EQ(parts[0].pos.line, 1u);
    EXPECT_EQ(parts[0].pos.column, 7u);
    EXPECT_EQ(parts[0].nodes[0].pos.column, 11u);
    EXPECT_EQ(parts[0].rels[0].pos.column, 16u);
    EXPECT_EQ(parts[0].nodes[1].pos.column, 22u);
    EXPECT_EQ(parts[1].text, "(c)");
    EXPECT_EQ(parts[1].pos.line, 2u);
    EXPECT_EQ(parts[1].pos.column, 7u);
}

// ---- expressions

TEST(ParserExpressions, IntegerLiterals) {
    EXPECT_EQ(expr("42"), "42");
    EXPECT_EQ(expr("0"), "0");
    EXPECT_EQ(expr("0x1F"), "31");
    EXPECT_EQ(expr("0XfF"), "255");
    EXPECT_EQ(expr("0o17"), "15");
    EXPECT_EQ(expr("9223372036854775807"), "9223372036854775807");
    EXPECT_EQ(expr("-9223372036854775808"), "-9223372036854775808");
    EXPECT_EQ(expr("- 9223372036854775808"), "-9223372036854775808");
    EXPECT_EQ(expr("0x7FFFFFFFFFFFFFFF"), "9223372036854775807");
    EXPECT_EQ(expr("-0x8000000000000000"), "-9223372036854775808");
    EXPECT_EQ(expr("-0o1000000000000000000000"), "-9223372036854775808");
    EXPECT_EQ(expr("-1"), "-1");
    // Negating anything but a literal stays an operation.
    EXPECT_EQ(expr("-(1)"), "(neg 1)");
    EXPECT_EQ(expr("--1"), "(neg -1)");
    EXPECT_EQ(expr("+1"), "(pos 1)");
}

TEST(ParserExpressions, IntegerOutOfRange) {
    EXPECT_EQ(errorOf("RETURN 9223372036854775808"), "line 1:8: integer literal out of range: 9223372036854775808");
    EXPECT_EQ(errorOf("RETURN -9223372036854775809"),
              "line 1:9: integer literal out of range: -9223372036854775809");
    EXPECT_EQ(errorOf("RETURN 0x8000000000000000"), "line 1:8: integer literal out of range: 0x8000000000000000");
    EXPECT_EQ(errorOf("RETURN 0o1000000000000000000000"),
              "line 1:8: integer literal out of range: 0o1000000000000000000000");
    EXPECT_EQ(errorOf("RETURN 99999999999999999999999999"),
              "line 1:8: integer literal out of range: 99999999999999999999999999");
    EXPECT_EQ(errorOf("RETURN -(9223372036854775808)"),
              "line 1:10: integer literal out of range: 9223372036854775808");
    EXPECT_EQ(errorOf("MATCH (a)-[*99999999999999999999]->(b) RETURN a"),
              "line 1:13: integer literal out of range: 99999999999999999999");
}

TEST(ParserExpressions, FloatLiterals) {
    EXPECT_EQ(expr("4.2e9"), "4200000000f");
    EXPECT_EQ(expr(".5"), "0.5f");
    EXPECT_EQ(expr("1e-3"), "0.001f");
    EXPECT_EQ(expr("1E3"), "1000f");
    EXPECT_EQ(expr("3.14"), "3.14f");
    EXPECT_EQ(expr("-1.5"), "(neg 1.5f)");
    EXPECT_EQ(expr("1e-400"), "0f");  // underflow rounds to zero, as in Java
    EXPECT_EQ(errorOf("RETURN 1.34E999"), "line 1:8: float literal out of range: 1.34E999");
}

TEST(ParserExpressions, MalformedNumbers) {
    EXPECT_EQ(errorOf("RETURN 0x"), "line 1:8: invalid number literal '0x'");
    EXPECT_EQ(errorOf("RETURN 0x1A2b3c4Z5E6f7 AS literal"), "line 1:8: invalid number literal '0x1A2b3c4Z5E6f7'");
    EXPECT_EQ(errorOf("RETURN 0o8"), "line 1:8: invalid number literal '0o8'");
    EXPECT_EQ(errorOf("RETURN 12abc"), "line 1:8: invalid number literal '12abc'");
    EXPECT_EQ(errorOf("RETURN 1e"), "line 1:8: invalid number literal '1e'");
}

TEST(ParserExpressions, StringLiteralsAndEscapes) {
    EXPECT_EQ(expr("'single'"), "'single'");
    EXPECT_EQ(expr("\"double\""), "'double'");
    auto value = [](const std::string& literal) {
        auto s = parseOk("RETURN " + literal);
        return clauseAt<ast::Return>(s, 0).projection.items[0].expr->value.asString();
    };
    EXPECT_EQ(value(R"('a\\b\'c\"d')"), "a\\b'c\"d");
    EXPECT_EQ(value(R"("\n\t\r\b\f")"), "\n\t\r\b\f");
    EXPECT_EQ(value(R"('\u00e9\u20AC')"), "\xC3\xA9\xE2\x82\xAC");
    EXPECT_EQ(value(R"('\U0001F600')"), "\xF0\x9F\x98\x80");
    EXPECT_EQ(value(R"('\uD83D\uDE00')"), "\xF0\x9F\x98\x80");  // a UTF-16 surrogate pair
    EXPECT_EQ(value("'caf\xC3\xA9'"), "caf\xC3\xA9");
    EXPECT_EQ(value("'line\nbreak'"), "line\nbreak");
    EXPECT_EQ(value("\"it's\""), "it's");
    EXPECT_EQ(value("''"), "");
}

TEST(ParserExpressions, InvalidEscapes) {
    EXPECT_EQ(errorOf(R"(RETURN 'a\qb')"), R"(line 1:10: invalid escape sequence \q in string literal)");
    EXPECT_EQ(errorOf(R"(RETURN '\uZZZZ')"), R"(line 1:9: invalid unicode escape \uZZZZ in string literal)");
    EXPECT_EQ(errorOf(R"(RETURN '\u12')"), R"(line 1:9: invalid unicode escape \u12 in string literal)");
    EXPECT_EQ(errorOf(R"(RETURN '\uD800')"), R"(line 1:9: invalid unicode escape \uD800 in string literal)");
    EXPECT_EQ(errorOf(R"(RETURN '\U00110000')"),
              R"(line 1:9: invalid unicode escape \U00110000 in string literal)");
    // The position is the escape's, also on a later line of the string.
    EXPECT_EQ(errorOf("RETURN 'ab\ncd\\x'"), R"(line 2:3: invalid escape sequence \x in string literal)");
}

TEST(ParserExpressions, ListsMapsBooleansNull) {
    EXPECT_EQ(expr("[]"), "[]");
    EXPECT_EQ(expr("[1, 'a', [true, null]]"), "[1 'a' [true null]]");
    EXPECT_EQ(expr("{}"), "{}");
    EXPECT_EQ(expr("{a: 1, `b c`: [2], return: 3, Count: 4}"), "{a: 1, b c: [2], return: 3, Count: 4}");
    EXPECT_EQ(expr("{a: {b: null}}.a.b"), "(. (. {a: {b: null}} a) b)");
}

TEST(ParserExpressions, Parameters) {
    EXPECT_EQ(expr("$name"), "$name");
    EXPECT_EQ(expr("$0"), "$0");
    EXPECT_EQ(expr("$`a b`"), "$a b");
    EXPECT_EQ(expr("$param.key"), "(. $param key)");
    EXPECT_EQ(where("n.x IN $list"), "(in (. n x) $list)");
}

TEST(ParserExpressions, PropertySubscriptSlice) {
    EXPECT_EQ(expr("n.name"), "(. n name)");
    EXPECT_EQ(expr("n.a.b"), "(. (. n a) b)");
    EXPECT_EQ(expr("n['key']"), "([] n 'key')");
    EXPECT_EQ(expr("l[0][1]"), "([] ([] l 0) 1)");
    EXPECT_EQ(expr("l[1..3]"), "([..] l 1 3)");
    EXPECT_EQ(expr("l[..2]"), "([..] l _ 2)");
    EXPECT_EQ(expr("l[1..]"), "([..] l 1 _)");
    EXPECT_EQ(expr("l[..]"), "([..] l _ _)");
    EXPECT_EQ(expr("l[-1]"), "([] l -1)");
    EXPECT_EQ(expr("f(x).a[0].b"), "(. ([] (. (f x) a) 0) b)");
    EXPECT_EQ(expr("[1, 2, 3][$i]"), "([] [1 2 3] $i)");
    EXPECT_EQ(errorOf("RETURN l[]"), "line 1:10: missing index inside [ ]");
}

TEST(ParserExpressions, ArithmeticPrecedence) {
    EXPECT_EQ(expr("1 + 2 * 3"), "(+ 1 (* 2 3))");
    EXPECT_EQ(expr("(1 + 2) * 3"), "(* (+ 1 2) 3)");
    EXPECT_EQ(expr("a - b - c"), "(- (- a b) c)");
    EXPECT_EQ(expr("a / b % c * d"), "(* (% (/ a b) c) d)");
    EXPECT_EQ(expr("2 * 3 ^ 2"), "(* 2 (^ 3 2))");
    // As in openCypher (TCK Precedence2 [4]): unary minus binds tighter than ^.
    EXPECT_EQ(expr("-x ^ 2"), "(^ (neg x) 2)");
    EXPECT_EQ(expr("-3 ^ 2"), "(^ -3 2)");
    EXPECT_EQ(expr("2 ^ -1"), "(^ 2 -1)");
    // ^ is left-associative, as openCypher's ( '^' ... )* makes it.
    EXPECT_EQ(expr("2 ^ 3 ^ 2"), "(^ (^ 2 3) 2)");
    EXPECT_EQ(expr("-n.x"), "(neg (. n x))");
    EXPECT_EQ(expr("- -x"), "(neg (neg x))");
    EXPECT_EQ(expr("a + -b"), "(+ a (neg b))");
}

TEST(ParserExpressions, ComparisonsAndChains) {
    EXPECT_EQ(expr("a = b"), "(= a b)");
    EXPECT_EQ(expr("a <> b"), "(<> a b)");
    EXPECT_EQ(expr("a < b"), "(< a b)");
    EXPECT_EQ(expr("a <= b"), "(<= a b)");
    EXPECT_EQ(expr("a > b"), "(> a b)");
    EXPECT_EQ(expr("a >= b"), "(>= a b)");
    EXPECT_EQ(expr("a + 1 < b * 2"), "(< (+ a 1) (* b 2))");
    EXPECT_EQ(expr("a < b < c"), "(and (< a b) (< b c))");
    EXPECT_EQ(expr("a < b <= c = d"), "(and (and (< a b) (<= b c)) (= c d))");
    // Parentheses end a chain.
    EXPECT_EQ(expr("(a < b) < c"), "(< (< a b) c)");
    // The parts of a chain keep their own text and position.
    auto s = parseOk("RETURN 1 < x <= 3");
    const auto& e = *clauseAt<ast::Return>(s, 0).projection.items[0].expr;
    EXPECT_EQ(e.text, "1 < x <= 3");
    EXPECT_EQ(e.args[0]->text, "1 < x");
    EXPECT_EQ(e.args[1]->text, "x <= 3");
    EXPECT_EQ(e.args[1]->pos.column, 12u);
}

TEST(ParserExpressions, BooleanPrecedence) {
    EXPECT_EQ(expr("a OR b XOR c AND NOT d"), "(or a (xor b (and c (not d))))");
    EXPECT_EQ(expr("a AND b OR c"), "(or (and a b) c)");
    EXPECT_EQ(expr("NOT a = b"), "(not (= a b))");
    EXPECT_EQ(expr("NOT NOT a"), "(not (not a))");
    EXPECT_EQ(expr("NOT a AND b"), "(and (not a) b)");
    EXPECT_EQ(expr("a OR b OR c"), "(or (or a b) c)");
}

TEST(ParserExpressions, StringListNullPredicates) {
    EXPECT_EQ(expr("a STARTS WITH 'x'"), "(starts-with a 'x')");
    EXPECT_EQ(expr("a ENDS WITH 'x'"), "(ends-with a 'x')");
    EXPECT_EQ(expr("a CONTAINS 'x'"), "(contains a 'x')");
    EXPECT_EQ(expr("a =~ 'x.*'"), "(=~ a 'x.*')");
    EXPECT_EQ(expr("a IN [1]"), "(in a [1])");
    EXPECT_EQ(expr("a IS NULL"), "(is-null a)");
    EXPECT_EQ(expr("a IS NOT NULL"), "(is-not-null a)");
    EXPECT_EQ(expr("a starts with 'x' OR b"), "(or (starts-with a 'x') b)");
    // TCK Precedence3 [4]: + binds tighter than IN; Precedence1 [11]: IN tighter than =.
    EXPECT_EQ(expr("[1]+2 IN [3]+4"), "(in (+ [1] 2) (+ [3] 4))");
    EXPECT_EQ(expr("false = true IN [true, false]"), "(= false (in true [true false]))");
    // Precedence1 [8], [9]: IS NULL binds tighter than = and NOT.
    EXPECT_EQ(expr("false = true IS NULL"), "(= false (is-null true))");
    EXPECT_EQ(expr("NOT false IS NULL"), "(not (is-null false))");
    EXPECT_EQ(expr("a + b IS NOT NULL"), "(is-not-null (+ a b))");
    EXPECT_EQ(expr("'abc' STARTS WITH null OR true"), "(or (starts-with 'abc' null) true)");
    EXPECT_EQ(expr("x IN l IN m"), "(in (in x l) m)");
}

TEST(ParserExpressions, LabelPredicates) {
    EXPECT_EQ(where("n:A"), "(labels n A)");
    EXPECT_EQ(where("n:A:B AND NOT n:C"), "(and (labels n A B) (not (labels n C)))");
    EXPECT_EQ(expr("n:Order"), "(labels n Order)");
    EXPECT_EQ(errorOf("MATCH (n) WHERE n:A|B RETURN n"),
              "line 1:20: label alternatives (:A|B) are only allowed in a pattern");
}

TEST(ParserExpressions, Case) {
    EXPECT_EQ(expr("CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END"),
              "(case x (when 1 'a') (when 2 'b') 'c')");
    EXPECT_EQ(expr("CASE WHEN x > 1 THEN 'big' END"), "(case _ (when (> x 1) 'big') _)");
    EXPECT_EQ(expr("case when a then b else c end"), "(case _ (when a b) c)");
}

TEST(ParserExpressions, ListComprehensions) {
    EXPECT_EQ(expr("[x IN l WHERE x > 1 | x * 2]"), "(list x l (> x 1) (* x 2))");
    EXPECT_EQ(expr("[x IN l WHERE x > 1]"), "(list x l (> x 1) _)");
    EXPECT_EQ(expr("[x IN l | x.name]"), "(list x l _ (. x name))");
    EXPECT_EQ(expr("[x IN l]"), "(list x l _ _)");
    EXPECT_EQ(expr("[x IN range(1, 3) WHERE x IN [2]]"), "(list x (range 1 3) (in x [2]) _)");
    // A list literal that merely starts with a comparison is still a list.
    EXPECT_EQ(expr("[x = 1, y]"), "[(= x 1) y]");
}

TEST(ParserExpressions, PatternComprehensions) {
    EXPECT_EQ(expr("[(a)-->(b) WHERE b.x > 1 | b.name]"), "(pattern-list (a)-[]->(b) (> (. b x) 1) (. b name))");
    EXPECT_EQ(expr("[(a)-[:T]->(:B) | 1]"), "(pattern-list (a)-[:T]->(:B) _ 1)");
    EXPECT_EQ(expr("[p = (a)-->(b) | p]"), "(pattern-list p = (a)-[]->(b) _ p)");
    auto s = parseOk("RETURN [p = (a)-->(b) | p]");
    const auto& e = *clauseAt<ast::Return>(s, 0).projection.items[0].expr;
    EXPECT_EQ(e.pattern->parts[0].text, "p = (a)-->(b)");
    EXPECT_EQ(e.pattern->parts[0].pos.column, 9u);
}

TEST(ParserExpressions, QuantifiersAndReduce) {
    EXPECT_EQ(expr("all(x IN l WHERE x > 0)"), "(all x l (> x 0))");
    EXPECT_EQ(expr("ANY(x IN l WHERE x)"), "(any x l x)");
    EXPECT_EQ(expr("none(x IN l WHERE x)"), "(none x l x)");
    EXPECT_EQ(expr("single(x IN l WHERE x)"), "(single x l x)");
    EXPECT_EQ(expr("reduce(acc = 0, x IN l | acc + x)"), "(reduce acc 0 x l (+ acc x))");
}

TEST(ParserExpressions, FunctionCalls) {
    EXPECT_EQ(expr("count(*)"), "(count *)");
    EXPECT_EQ(expr("count(DISTINCT x)"), "(count distinct x)");
    EXPECT_EQ(expr("count(x)"), "(count x)");
    EXPECT_EQ(expr("toUpper(n.name)"), "(toUpper (. n name))");
    EXPECT_EQ(expr("algo.x(1, 2)"), "(algo.x 1 2)");
    EXPECT_EQ(expr("date.truncate('month', d)"), "(date.truncate 'month' d)");
    EXPECT_EQ(expr("rand()"), "(rand)");
    EXPECT_EQ(expr("exists(n.prop)"), "(exists (. n prop))");
    EXPECT_EQ(expr("collect(DISTINCT n.x)"), "(collect distinct (. n x))");
    EXPECT_EQ(expr("`my fn`(1)"), "(my fn 1)");
    EXPECT_EQ(errorOf("RETURN count(DISTINCT )"), "line 1:14: DISTINCT needs an argument");
}

TEST(ParserExpressions, PatternPredicates) {
    EXPECT_EQ(where("(n)-->()"), "(pattern (n)-[]->())");
    EXPECT_EQ(where("NOT (n)-[:T]->(:A)"), "(not (pattern (n)-[:T]->(:A)))");
    EXPECT_EQ(where("(n)-->() AND (n)<--()"), "(and (pattern (n)-[]->()) (pattern (n)<-[]-()))");
    EXPECT_EQ(where("((n)-->())"), "(pattern (n)-[]->())");
    EXPECT_EQ(where("exists((n)-->())"), "(exists (pattern (n)-[]->()))");
    EXPECT_EQ(expr("exists((n)-->())"), "(exists (pattern (n)-[]->()))");
    EXPECT_EQ(expr("CASE WHEN (n)-->() THEN 1 END"), "(case _ (when (pattern (n)-[]->()) 1) _)");
    EXPECT_EQ(expr("[x IN l WHERE (x)-->()]"), "(list x l (pattern (x)-[]->()) _)");
    // A lone parenthesized variable is not a pattern.
    EXPECT_EQ(where("(n)"), "n");
    // As a value a pattern is refused (TCK Pattern1 [22]-[24], List6 [6]).
    const std::string message =
        "a pattern can only be a predicate (in WHERE or exists()); for a list use a pattern comprehension "
        "[(a)-->(b) | b]";
    EXPECT_EQ(errorOf("MATCH (n) RETURN (n)-[]->()"), "line 1:18: " + message);
    EXPECT_EQ(errorOf("MATCH (n) WITH (n)-[]->() AS x RETURN x"), "line 1:16: " + message);
    EXPECT_EQ(errorOf("MATCH (n) SET n.prop = head(nodes(head((n)-[:REL]->()))).foo"), "line 1:40: " + message);
    EXPECT_EQ(errorOf("MATCH (a) RETURN size((a)-->())"), "line 1:23: " + message);
    EXPECT_EQ(errorOf("MATCH (a) WHERE (a)-->() = true RETURN a"), "line 1:17: " + message);
}

TEST(ParserExpressions, ExistsSubqueries) {
    EXPECT_EQ(where("EXISTS { MATCH (n)-->(m) WHERE m.x = 1 }"), "(exists (n)-[]->(m) (= (. m x) 1))");
    EXPECT_EQ(where("exists { (n)-->(:A) }"), "(exists (n)-[]->(:A))");
    EXPECT_EQ(where("EXISTS { (n)-->(m) WHERE m.x = 1 }"), "(exists (n)-[]->(m) (= (. m x) 1))");
    EXPECT_EQ(where("EXISTS { MATCH (n)-->(m) WITH m WHERE m.x = 1 RETURN m }"), "(exists-query 3 clauses)");
    EXPECT_EQ(where("EXISTS { OPTIONAL MATCH (n)-->(m) }"), "(exists-query 1 clauses)");
    EXPECT_EQ(where("NOT EXISTS { MATCH (n)-->() }"), "(not (exists (n)-[]->()))");
    EXPECT_EQ(errorOf("MATCH (n) WHERE exists { MATCH (n)-->(m) SET m.prop = 'x' } RETURN n"),
              "line 1:42: EXISTS { } cannot contain SET: it only reads");
    EXPECT_EQ(errorOf("MATCH (n) WHERE EXISTS { MATCH (n) RETURN n UNION MATCH (n) RETURN n } RETURN n"),
              "line 1:45: UNION is not allowed inside EXISTS { }");
}

TEST(ParserExpressions, MapProjections) {
    EXPECT_EQ(expr("n {.name, .*, k: n.x + 1, v}"), "(project n .name .* k: (+ (. n x) 1) v)");
    EXPECT_EQ(expr("n {}"), "(project n)");
    EXPECT_EQ(expr("n {.count, .`a b`}"), "(project n .count .a b)");
}

TEST(ParserExpressions, KeywordsAndEscapedNames) {
    // Reserved words are fine as keys, labels and types; unreserved ones everywhere.
    EXPECT_EQ(expr("n.count"), "(. n count)");
    EXPECT_EQ(expr("n.match + n.RETURN"), "(+ (. n match) (. n RETURN))");
    EXPECT_EQ(pattern("(o:Order)-[:WHERE|MATCH]->(x:`My Label`)"), "(o:Order)-[:WHERE|MATCH]->(x:My Label)");
    EXPECT_EQ(expr("count"), "count");
    auto names = parseOk("UNWIND [1] AS all WITH all AS order, all AS limit, all AS skip, all AS desc "
                         "RETURN order + limit - skip AS by ORDER BY desc DESC SKIP 0 LIMIT 1");
    EXPECT_EQ(clauseAt<ast::Unwind>(names, 0).variable, "all");
    EXPECT_EQ(dump(clauseAt<ast::Return>(names, 2).projection.items[0].expr.get()), "(- (+ order limit) skip)");
    EXPECT_EQ(clauseAt<ast::Return>(names, 2).projection.items[0].alias, "by");
    EXPECT_TRUE(clauseAt<ast::Return>(names, 2).projection.orderBy[0].descending);
    EXPECT_EQ(expr("`MATCH`"), "MATCH");
    EXPECT_EQ(expr("`a``b`"), "a`b");
    EXPECT_EQ(expr("`ünïcödé`.`x y`"), "(. ünïcödé x y)");
    EXPECT_EQ(expr("ünïcödé_1"), "ünïcödé_1");
    auto s = parseOk("UNWIND [1] AS `the value` RETURN `the value` AS `x``y`");
    EXPECT_EQ(clauseAt<ast::Unwind>(s, 0).variable, "the value");
    EXPECT_EQ(clauseAt<ast::Return>(s, 1).projection.items[0].alias, "x`y");
    EXPECT_EQ(errorOf("RETURN ``"), "line 1:8: a name cannot be empty");
    // A reserved word is not a variable without backticks.
    EXPECT_EQ(errorOf("MATCH (match) RETURN 1"), "line 1:8: unexpected 'match'");
}

// ---- column texts and positions

TEST(ParserText, ColumnTextsAreTheSourceText) {
    auto s = parseOk("MATCH (n) RETURN n.name, count(*), n.a  +  n.b, (1 + 2), toUpper( n.x ) AS u, [x IN l | x] ");
    const auto& items = clauseAt<ast::Return>(s, 1).projection.items;
    ASSERT_EQ(items.size(), 6u);
    EXPECT_EQ(items[0].expr->text, "n.name");
    EXPECT_EQ(items[1].expr->text, "count(*)");
    EXPECT_EQ(items[2].expr->text, "n.a  +  n.b");
    EXPECT_EQ(items[3].expr->text, "(1 + 2)");
    EXPECT_EQ(items[4].expr->text, "toUpper( n.x )");
    EXPECT_EQ(items[5].expr->text, "[x IN l | x]");
    // Every sub-expression keeps its own text.
    EXPECT_EQ(items[2].expr->args[0]->text, "n.a");
    EXPECT_EQ(items[2].expr->args[1]->text, "n.b");
    EXPECT_EQ(items[4].expr->args[0]->text, "n.x");
    // Comments after the expression are not part of it; inside, they are.
    s = parseOk("RETURN 1 /* one */ + /* two */ 2 /* after */ AS x");
    EXPECT_EQ(clauseAt<ast::Return>(s, 0).projection.items[0].expr->text, "1 /* one */ + /* two */ 2");
    s = parseOk("RETURN 'é' + \"x\"");
    EXPECT_EQ(clauseAt<ast::Return>(s, 0).projection.items[0].expr->text, "'é' + \"x\"");
}

TEST(ParserText, ExpressionPositions) {
    auto s = parseOk("MATCH (n)\nWHERE n.x > 1\n  AND n.y < 2\nRETURN 'é', n");
    const auto& w = *clauseAt<ast::Match>(s, 0).where;
    EXPECT_EQ(w.pos.line, 2u);
    EXPECT_EQ(w.pos.column, 7u);
    EXPECT_EQ(w.args[1]->pos.line, 3u);
    EXPECT_EQ(w.args[1]->pos.column, 7u);
    EXPECT_EQ(w.args[1]->args[0]->args[0]->pos.column, 7u);  // n of n.y
    EXPECT_EQ(w.args[1]->args[1]->pos.column, 13u);          // 2
    const auto& items = clauseAt<ast::Return>(s, 1).projection.items;
    EXPECT_EQ(items[0].expr->pos.line, 4u);
    EXPECT_EQ(items[0].expr->pos.column, 8u);
    // Columns count characters, not bytes: 'é' is 3 characters and 4 bytes.
    EXPECT_EQ(items[1].expr->pos.column, 13u);
}

// ---- errors

TEST(ParserErrors, MessagesAreOneLineWithPosition) {
    EXPECT_EQ(errorOf("RETRN 1"), "line 1:1: unexpected 'RETRN', expected a clause");
    EXPECT_EQ(errorOf("MATCH (n) RETRN n"), "line 1:11: unexpected 'RETRN', expected a clause or the end of the query");
    EXPECT_EQ(errorOf("MATCH (n) RETURN"), "line 1:17: unexpected end of query, expected an expression");
    EXPECT_EQ(errorOf("MATCH (n RETURN n"), "line 1:10: unexpected 'RETURN', expected ':', '$', ')' or '{'");
    EXPECT_EQ(errorOf("MATCH (n) RETURN n ORDER n"), "line 1:26: unexpected 'n', expected BY");
    EXPECT_EQ(errorOf("RETURN [1, 2"), "line 1:13: unexpected end of query, expected ',' or ']'");
    EXPECT_EQ(errorOf("UNWIND [1] AS"), "line 1:14: unexpected end of query, expected a name");
    EXPECT_EQ(errorOf("MATCH (a)-[:"), "line 1:13: unexpected end of query, expected a name");
    EXPECT_EQ(errorOf("MATCH (n) WHERE RETURN n"), "line 1:17: unexpected 'RETURN', expected an expression");
    EXPECT_EQ(errorOf("RETURN {a: }"), "line 1:12: unexpected '}', expected an expression");
    EXPECT_EQ(errorOf("CREATE (a)-[:R]->"), "line 1:18: unexpected end of query, expected '('");
    EXPECT_EQ(errorOf("MATCH (n)\nRETURN n,\n"), "line 3:1: unexpected end of query, expected an expression");
}

TEST(ParserErrors, LexicalErrors) {
    EXPECT_EQ(errorOf("RETURN 'abc"), "line 1:8: unterminated string literal");
    EXPECT_EQ(errorOf("RETURN \"abc\\\""), "line 1:8: unterminated string literal");
    EXPECT_EQ(errorOf("RETURN 'abc\\"), "line 1:8: unterminated string literal");
    EXPECT_EQ(errorOf("RETURN `abc"), "line 1:8: unterminated name: missing the closing `");
    EXPECT_EQ(errorOf("RETURN 1 /* never closed *"), "line 1:10: unterminated comment: missing */");
    EXPECT_EQ(errorOf("RETURN a != b"), "line 1:10: unexpected '!=': the inequality operator is <>");
    EXPECT_EQ(errorOf("RETURN 1 # 2"), "line 1:10: unexpected character '#'");
    EXPECT_EQ(errorOf("RETURN \xE2\x98\x83"), "line 1:8: unexpected character '\xE2\x98\x83'");
    EXPECT_EQ(errorOf("RETURN 'a\xFF'"), "line 1:10: the query is not valid UTF-8");
    EXPECT_EQ(errorOf("RETURN '\xC0\x80'"), "line 1:9: the query is not valid UTF-8");      // overlong
    EXPECT_EQ(errorOf("RETURN '\xED\xA0\x80'"), "line 1:9: the query is not valid UTF-8");  // a surrogate
    EXPECT_EQ(errorOf(""), "line 1:1: the query is empty");
    EXPECT_EQ(errorOf("  // nothing\n"), "line 2:1: the query is empty");
    EXPECT_EQ(errorOf(";"), "line 1:1: unexpected ';', expected a clause");
}

TEST(ParserErrors, LanguageRulesTheGrammarLeavesOpen) {
    EXPECT_EQ(errorOf("CALL test.my.proc('Stefan', 1) YIELD *\nRETURN city"),
              "line 1:32: YIELD * is only allowed when CALL is the whole query");
    EXPECT_EQ(errorOf("CALL test.my.proc YIELD out\nRETURN out"),
              "line 1:14: CALL inside a query needs an argument list: test.my.proc(...)");
    EXPECT_EQ(errorOf("MATCH (n) SET n:A|B"), "line 1:18: label alternatives (:A|B) are only allowed in a pattern");
    EXPECT_EQ(errorOf("MATCH (n) REMOVE n:A|B"), "line 1:21: label alternatives (:A|B) are only allowed in a pattern");
}

TEST(ParserErrors, QueryErrorFields) {
    QueryError error;
    auto result = parse("MATCH (n)\n  RETURN n ORDER n", &error);
    ASSERT_FALSE(result.isOk());
    EXPECT_EQ(result.status().message(), "line 2:18: unexpected 'n', expected BY");
    EXPECT_EQ(error.kind, "SyntaxError");
    EXPECT_TRUE(error.atCompileTime);
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.column, 18);
    EXPECT_EQ(error.excerpt, "  RETURN n ORDER n\n                 ^");

    // Errors found after parsing (here an integer out of range) fill it too.
    error = {};
    result = parse("RETURN\t99999999999999999999", &error);
    ASSERT_FALSE(result.isOk());
    EXPECT_EQ(error.kind, "SyntaxError");
    EXPECT_EQ(error.line, 1);
    EXPECT_EQ(error.column, 8);
    EXPECT_EQ(error.excerpt, "RETURN 99999999999999999999\n       ^") << "a tab shows as a space";

    // At the end of the query the caret stands after the last character.
    error = {};
    result = parse("RETURN 1 +", &error);
    EXPECT_EQ(error.excerpt, "RETURN 1 +\n          ^");
    // The parse succeeds without touching it.
    error = {};
    EXPECT_TRUE(parse("RETURN 1", &error).isOk());
    EXPECT_EQ(error.kind, "");
}

TEST(ParserErrors, ExcerptOfALongLineIsCutAroundTheColumn) {
    std::string query = "RETURN " + repeat("1 + ", 200) + "* " + repeat("2 + ", 200) + "3";
    QueryError error;
    auto result = parse(query, &error);
    ASSERT_FALSE(result.isOk());
    size_t column = 7 + 800 + 1;
    EXPECT_EQ(result.status().message(), fmt::format("line 1:{}: unexpected '*', expected an expression", column));
    size_t newline = error.excerpt.find('\n');
    ASSERT_NE(newline, std::string::npos);
    std::string shown = error.excerpt.substr(0, newline);
    std::string caret = error.excerpt.substr(newline + 1);
    EXPECT_LE(shown.size(), 200u);
    EXPECT_EQ(caret.back(), '^');
    EXPECT_EQ(caret.find_first_not_of(' '), caret.size() - 1);
    // The caret stands under the offending '*', which follows "+ ".
    size_t at = caret.size() - 1;
    ASSERT_LT(at, shown.size());
    EXPECT_EQ(shown.substr(at - 2, 3), "+ *");
    // Multi-byte characters are never cut, and the caret counts characters.
    query = "RETURN '" + repeat("é", 300) + "' +";
    result = parse(query, &error);
    ASSERT_FALSE(result.isOk());
    shown = error.excerpt.substr(0, error.excerpt.find('\n'));
    EXPECT_LE(shown.size(), 200u);
    EXPECT_EQ(shown.substr(shown.size() - 3), "' +");
    EXPECT_EQ(shown.rfind("\xC3", 0), 0u) << "starts on a whole character";
}

// ---- nesting

TEST(ParserNesting, DeepBracketsAreASyntaxError) {
    // 100000 levels: refused before the recursive parser sees them.
    EXPECT_EQ(errorOf("RETURN " + repeat("(", 100000) + "1" + repeat(")", 100000)),
              "line 1:508: nesting deeper than 500 levels");
    EXPECT_EQ(errorOf("RETURN " + repeat("[", 100000) + "1" + repeat("]", 100000)),
              "line 1:508: nesting deeper than 500 levels");
    EXPECT_EQ(errorOf("RETURN " + repeat("(", 100000)), "line 1:508: nesting deeper than 500 levels");
    EXPECT_EQ(errorOf("MATCH " + repeat("(", 501) + "a" + repeat(")", 501) + " RETURN 1"),
              "line 1:507: nesting deeper than 500 levels");
    // Other constructs that nest, 10000 deep; `column` is where level 501 opens.
    struct Case {
        std::string open, close;
        int column;
    };
    for (const auto& c : std::vector<Case>{{"{a: ", "}", 8 + 500 * 4},
                                           {"[x IN ", "]", 8 + 500 * 6},
                                           {"f(", ")", 8 + 500 * 2 + 1},
                                           {"CASE WHEN true THEN ", " END", 8 + 500 * 20},
                                           {"NOT ", "", 8 + 500 * 4},
                                           {"-", "", 8 + 500},
                                           {"+", "", 8 + 500},
                                           {"NOT (", ")", 8 + 250 * 5}}) {
        SCOPED_TRACE(c.open);
        QueryError error;
        auto result = parse("RETURN " + repeat(c.open, 10000) + "1" + repeat(c.close, 10000), &error);
        ASSERT_FALSE(result.isOk());
        EXPECT_EQ(result.status().message(), fmt::format("line 1:{}: nesting deeper than 500 levels", c.column));
        EXPECT_EQ(error.kind, "SyntaxError");
        EXPECT_EQ(error.line, 1);
        EXPECT_EQ(error.column, c.column);
    }
}

TEST(ParserNesting, ModerateNestingParses) {
    auto s = parseOk("RETURN " + repeat("(", 200) + "1" + repeat(")", 200));
    EXPECT_EQ(dump(clauseAt<ast::Return>(s, 0).projection.items[0].expr.get()), "1");
    s = parseOk("RETURN " + repeat("[", 200) + "1" + repeat("]", 200));
    EXPECT_EQ(dump(clauseAt<ast::Return>(s, 0).projection.items[0].expr.get()),
              repeat("[", 200) + "1" + repeat("]", 200));
    // Right at the bound, for each construct that nests: n repetitions of
    // `open` parse, two more do not.
    struct Case {
        std::string open, close;
        size_t n;
    };
    for (const auto& c : std::vector<Case>{{"(", ")", 500},
                                           {"[", "]", 500},
                                           {"{a: ", "}", 500},
                                           {"[x IN ", "]", 500},
                                           {"f(", ")", 500},
                                           {"x[", "]", 500},
                                           {"CASE WHEN true THEN ", " END", 500},
                                           {"NOT ", "", 500},
                                           {"-", "", 500},
                                           {"all(x IN ", ")", 500},
                                           {"[(a)-->(b) | ", "]", 499},  // (a) opens one more
                                           {"EXISTS { MATCH (a) WHERE ", " }", 499}}) {
        SCOPED_TRACE(c.open);
        auto result = parse("MATCH (a) WHERE " + repeat(c.open, c.n) + "true" + repeat(c.close, c.n) + " RETURN a");
        EXPECT_TRUE(result.isOk()) << result.status().toString();
        result = parse("MATCH (a) WHERE " + repeat(c.open, c.n + 2) + "true" + repeat(c.close, c.n + 2) + " RETURN a");
        EXPECT_FALSE(result.isOk());
    }
    // A binary - is no prefix operator: 400 levels of 1 - ( are 400, not 800.
    auto result = parse("RETURN " + repeat("1 - (", 400) + "1" + repeat(")", 400));
    EXPECT_TRUE(result.isOk()) << result.status().toString();
}

TEST(ParserNesting, LongOperatorChainsAreBounded) {
    // 999 operators nest 999 levels: fine.
    auto s = parseOk("RETURN " + repeat("1 + ", 999) + "1");
    EXPECT_EQ(clauseAt<ast::Return>(s, 0).projection.items[0].expr->kind, ast::ExprKind::BINARY);
    parseOk("RETURN x" + repeat(".a", 999));
    parseOk("RETURN " + repeat("1 < ", 999) + "1");
    // Longer chains are refused before the walk over the tree (and the
    // destruction of the AST) recurses that deep.
    EXPECT_EQ(errorOf("RETURN " + repeat("1 + ", 3000) + "1"), "line 1:8: expression nested deeper than 1000 levels");
    EXPECT_EQ(errorOf("RETURN x" + repeat(".a", 3000)), "line 1:8: expression nested deeper than 1000 levels");
    EXPECT_EQ(errorOf("RETURN " + repeat("1 < ", 3000) + "1"), "line 1:8: expression nested deeper than 1000 levels");
    EXPECT_EQ(errorOf("MATCH (n) WHERE " + repeat("n.x = 1 OR ", 3000) + "true RETURN n"),
              "line 1:17: expression nested deeper than 1000 levels");
}

// ---- the openCypher TCK

struct TckQuery {
    std::string file;
    std::string scenario;
    std::string error;  // "SyntaxError/compile time/UnexpectedSyntax", or "" when none is expected
    std::string text;
};

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// The queries of one .feature file, Scenario Outlines expanded with their
// Examples. Only the last query of a scenario carries its expected error.
std::vector<TckQuery> readFeature(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    struct Scenario {
        std::string name, error;
        std::vector<std::string> queries;
        std::vector<std::vector<std::vector<std::string>>> examples;
    };
    std::vector<Scenario> scenarios;
    auto cells = [](const std::string& row) {
        std::vector<std::string> out;
        std::string t = trim(row);
        size_t start = 1;
        for (size_t bar = t.find('|', start); bar != std::string::npos; bar = t.find('|', start)) {
            out.push_back(trim(t.substr(start, bar - start)));
            start = bar + 1;
        }
        return out;
    };
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string s = trim(lines[i]);
        if (s.empty() || s[0] == '#') continue;
        if (s.rfind("Scenario", 0) == 0) {
            scenarios.push_back({s, "", {}, {}});
        } else if (!scenarios.empty() && (s.ends_with("executing query:") || s.ends_with("having executed:") ||
                                          s.ends_with("executing control query:"))) {
            size_t open = i + 1;
            while (open < lines.size() && trim(lines[open]) != "\"\"\"") ++open;
            size_t indent = lines[open].find("\"\"\"");
            std::string query;
            size_t k = open + 1;
            for (; k < lines.size() && trim(lines[k]) != "\"\"\""; ++k)
                query += (query.empty() ? "" : "\n") + (lines[k].size() >= indent ? lines[k].substr(indent) : trim(lines[k]));
            scenarios.back().queries.push_back(query);
            i = k;
        } else if (!scenarios.empty() && s.find("should be raised at") != std::string::npos) {
            std::istringstream words(s);
            std::vector<std::string> w{std::istream_iterator<std::string>(words), {}};
            // Then a SyntaxError should be raised at compile time: UnexpectedSyntax
            if (w.size() >= 6) scenarios.back().error = w[2] + "/" + s.substr(s.find("at ") + 3);
        } else if (!scenarios.empty() && s.rfind("Examples", 0) == 0) {
            std::vector<std::vector<std::string>> rows;
            size_t k = i + 1;
            for (; k < lines.size() && trim(lines[k]).rfind("|", 0) == 0; ++k) rows.push_back(cells(lines[k]));
            scenarios.back().examples.push_back(rows);
            i = k - 1;
        }
    }
    std::vector<TckQuery> out;
    for (const auto& sc : scenarios) {
        for (size_t q = 0; q < sc.queries.size(); ++q) {
            std::string error = q + 1 == sc.queries.size() ? sc.error : "";
            if (sc.examples.empty()) {
                out.push_back({path.filename().string(), sc.name, error, sc.queries[q]});
                continue;
            }
            for (const auto& rows : sc.examples)
                for (size_t r = 1; r < rows.size(); ++r) {
                    std::string text = sc.queries[q];
                    for (size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c)
                        for (size_t at = text.find("<" + rows[0][c] + ">"); at != std::string::npos;
                             at = text.find("<" + rows[0][c] + ">", at + rows[r][c].size()))
                            text.replace(at, rows[0][c].size() + 2, rows[r][c]);
                    out.push_back({path.filename().string(), sc.name, error, text});
                }
        }
    }
    return out;
}

TEST(ParserTck, EveryQueryParsesUnlessASyntaxErrorIsExpected) {
    std::filesystem::path root = std::filesystem::path(KG_SHARED_DIR) / "tck" / "features";
    if (!std::filesystem::is_directory(root)) GTEST_SKIP() << "no openCypher TCK at " << root;
    std::vector<TckQuery> queries;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
        if (entry.path().extension() == ".feature") {
            auto more = readFeature(entry.path());
            queries.insert(queries.end(), more.begin(), more.end());
        }
    ASSERT_GT(queries.size(), 4000u);
    // Syntax errors the parser itself must find; the other SyntaxError
    // details (UndefinedVariable, VariableAlreadyBound, ...) are the planner's.
    const std::vector<std::string> parserDetails = {
        "UnexpectedSyntax", "InvalidNumberLiteral", "IntegerOverflow", "FloatingPointOverflow",
        "InvalidUnicodeLiteral", "InvalidUnicodeCharacter"};
    size_t parsed = 0, refused = 0;
    for (const auto& q : queries) {
        auto result = parse(q.text);
        bool syntax = q.error.rfind("SyntaxError", 0) == 0;
        if (!syntax) {
            EXPECT_TRUE(result.isOk()) << q.file << " " << q.scenario << "\n"
                                       << q.text << "\n"
                                       << result.status().toString();
            parsed += result.isOk();
            continue;
        }
        bool ours = std::any_of(parserDetails.begin(), parserDetails.end(),
                                [&](const std::string& d) { return q.error.ends_with(": " + d); });
        if (ours) {
            EXPECT_FALSE(result.isOk()) << q.file << " " << q.scenario << " expects " << q.error << "\n" << q.text;
            refused += !result.isOk();
        }
    }
    EXPECT_GT(parsed, 4000u);
    EXPECT_GT(refused, 30u);
}

}  // namespace
}  // namespace kgraph::query
