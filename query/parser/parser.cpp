// parse(): runs the ANTLR parser generated from grammar/KgQuery.g4 and turns
// its tree into the AST of query/ast.hpp. ANTLR types end here.
#include "query/parser/parser.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "KgQueryLexer.h"
#include "KgQueryParser.h"
#include "antlr4-runtime.h"
#include "query/errors.hpp"

namespace kgraph::query {

namespace {

using P = kgraph_grammar::KgQueryParser;

// Parentheses, brackets and braces deeper than this are refused before
// parsing: the generated parser recurses a few frames per level and has no
// limit of its own.
constexpr int kMaxNesting = 400;
constexpr size_t kMaxExcerpt = 200;

struct SyntaxFailure {
    size_t line;
    size_t column;  // 0-based, in code points
    std::string message;
};

// The first syntax error, in our words.
class ErrorCollector : public antlr4::BaseErrorListener {
public:
    std::optional<SyntaxFailure> first;

    void syntaxError(antlr4::Recognizer*, antlr4::Token* offending, size_t line, size_t column,
                     const std::string& message, std::exception_ptr) override {
        if (first) return;
        std::string m = message;
        if (offending && offending->getType() == antlr4::Token::EOF) m = "unexpected end of query";
        else if (offending && offending->getType() == kgraph_grammar::KgQueryLexer::UNKNOWN)
            m = fmt::format("unexpected character '{}'", offending->getText());
        else if (offending) m = rephrase(message, offending->getText());
        first = SyntaxFailure{line, column, m};
    }

private:
    static std::string rephrase(const std::string& message, const std::string& token) {
        std::string t = token.size() > 40 ? token.substr(0, 40) + "..." : token;
        if (message.rfind("extraneous input", 0) == 0 || message.rfind("mismatched input", 0) == 0 ||
            message.rfind("no viable alternative", 0) == 0) {
            size_t expecting = message.find("expecting ");
            if (expecting != std::string::npos) {
                std::string what = message.substr(expecting + 10);
                // A long set of alternatives helps nobody; a short one does.
                if (what.size() <= 60) return fmt::format("unexpected '{}', expecting {}", t, what);
            }
            return fmt::format("unexpected '{}'", t);
        }
        return message.size() > 160 ? message.substr(0, 160) : message;
    }
};

// The line of `text` that holds the error, cut to at most 200 bytes around
// the column, and a caret under the column.
std::string excerpt(std::string_view text, size_t line, size_t column) {
    size_t start = 0;
    for (size_t l = 1; l < line && start < text.size(); ++l) {
        size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    size_t end = text.find('\n', start);
    std::string_view row = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    // Column is in code points; walk to its byte offset.
    size_t byte = 0;
    for (size_t cp = 0; cp < column && byte < row.size(); ++cp) {
        ++byte;
        while (byte < row.size() && (static_cast<unsigned char>(row[byte]) & 0xC0) == 0x80) ++byte;
    }
    size_t from = byte > kMaxExcerpt / 2 ? byte - kMaxExcerpt / 2 : 0;
    while (from > 0 && from < row.size() && (static_cast<unsigned char>(row[from]) & 0xC0) == 0x80) --from;
    size_t to = std::min(row.size(), from + kMaxExcerpt);
    while (to < row.size() && to > from && (static_cast<unsigned char>(row[to]) & 0xC0) == 0x80) --to;
    std::string shown(row.substr(from, to - from));
    for (char& c : shown)
        if (c == '\t' || c == '\r') c = ' ';
    size_t caret = 0;
    for (size_t i = from; i < byte && i < to; ++i)
        if ((static_cast<unsigned char>(row[i]) & 0xC0) != 0x80) ++caret;
    return shown + "\n" + std::string(caret, ' ') + "^";
}

class Builder {
public:
    explicit Builder(antlr4::CharStream& input) : input_(input) {}

    ast::Statement statement(P::StatementContext* c) {
        ast::Statement st;
        if (c->EXPLAIN()) st.mode = ast::Statement::Mode::EXPLAIN;
        if (c->PROFILE()) st.mode = ast::Statement::Mode::PROFILE;
        query(c->query(), st);
        return st;
    }

private:
    [[noreturn]] void fail(antlr4::Token* at, std::string message) {
        throw QueryException(ErrorKind::SYNTAX, std::move(message), pos(at));
    }

    static ast::Pos pos(antlr4::Token* t) {
        return {static_cast<uint32_t>(t->getLine()), static_cast<uint32_t>(t->getCharPositionInLine() + 1)};
    }
    static ast::Pos pos(antlr4::ParserRuleContext* c) { return pos(c->getStart()); }

    std::string text(antlr4::ParserRuleContext* c) {
        return input_.getText(antlr4::misc::Interval(c->getStart()->getStartIndex(), c->getStop()->getStopIndex()));
    }

    void query(P::QueryContext* c, ast::Statement& st) {
        for (auto* sq : c->singleQuery()) st.queries.push_back(singleQuery(sq));
        // UNION tokens sit between the single queries; ALL follows its UNION.
        for (size_t i = 0; i < c->children.size(); ++i) {
            auto* t = dynamic_cast<antlr4::tree::TerminalNode*>(c->children[i]);
            if (!t || t->getSymbol()->getType() != P::UNION) continue;
            auto* next = i + 1 < c->children.size() ? dynamic_cast<antlr4::tree::TerminalNode*>(c->children[i + 1]) : nullptr;
            st.unionAll.push_back(next && next->getSymbol()->getType() == P::ALL);
        }
    }

    ast::SingleQuery singleQuery(P::SingleQueryContext* c) {
        ast::SingleQuery q;
        for (auto* cl : c->clause()) q.clauses.push_back(clause(cl));
        return q;
    }

    ast::Clause clause(P::ClauseContext* c) {
        ast::Clause out;
        out.pos = pos(c);
        if (auto* m = c->matchClause()) {
            ast::Match x;
            x.optional = m->OPTIONAL() != nullptr;
            x.pattern = pattern(m->pattern());
            if (m->where()) x.where = expr(m->where()->expr());
            out.body = std::move(x);
        } else if (auto* u = c->unwindClause()) {
            ast::Unwind x;
            x.list = expr(u->expr());
            x.variable = name(u->variable());
            out.body = std::move(x);
        } else if (auto* w = c->withClause()) {
            ast::With x;
            x.projection = projection(w->projectionBody());
            if (w->where()) x.where = expr(w->where()->expr());
            out.body = std::move(x);
        } else if (auto* r = c->returnClause()) {
            ast::Return x;
            x.projection = projection(r->projectionBody());
            out.body = std::move(x);
        } else if (auto* cr = c->createClause()) {
            ast::Create x;
            x.pattern = pattern(cr->pattern());
            out.body = std::move(x);
        } else if (auto* me = c->mergeClause()) {
            ast::Merge x;
            x.part = patternPart(me->patternPart());
            for (auto* a : me->mergeAction()) {
                auto& target = a->MATCH() ? x.onMatch : x.onCreate;
                for (auto* item : a->setItem()) target.push_back(setItem(item));
            }
            out.body = std::move(x);
        } else if (auto* s = c->setClause()) {
            ast::Set x;
            for (auto* item : s->setItem()) x.items.push_back(setItem(item));
            out.body = std::move(x);
        } else if (auto* re = c->removeClause()) {
            ast::Remove x;
            for (auto* item : re->removeItem()) x.items.push_back(removeItem(item));
            out.body = std::move(x);
        } else if (auto* d = c->deleteClause()) {
            ast::Delete x;
            x.detach = d->DETACH() != nullptr;
            for (auto* e : d->expr()) x.targets.push_back(expr(e));
            out.body = std::move(x);
        } else if (auto* call = c->callClause()) {
            ast::Call x;
            std::string procedure;
            for (auto* part : call->procedureName()->symbolicName())
                procedure += (procedure.empty() ? "" : ".") + name(part);
            x.procedure = procedure;
            x.hasArgumentList = call->LPAREN() != nullptr;
            for (auto* e : call->expr()) x.args.push_back(expr(e));
            x.yieldStar = call->YIELD() && call->STAR();
            for (auto* y : call->yieldItem()) {
                ast::YieldItem item;
                item.field = name(y->symbolicName());
                if (y->variable()) item.alias = name(y->variable());
                x.yields.push_back(std::move(item));
            }
            if (call->where()) x.where = expr(call->where()->expr());
            out.body = std::move(x);
        }
        return out;
    }

    ast::Projection projection(P::ProjectionBodyContext* c) {
        ast::Projection p;
        p.distinct = c->DISTINCT() != nullptr;
        p.star = c->projectionItems()->STAR() != nullptr;
        for (auto* item : c->projectionItems()->projectionItem()) {
            ast::ReturnItem r;
            r.expr = expr(item->expr());
            if (item->variable()) r.alias = name(item->variable());
            p.items.push_back(std::move(r));
        }
        if (c->order())
            for (auto* s : c->order()->sortItem()) {
                ast::SortItem item;
                item.expr = expr(s->expr());
                item.descending = s->DESC() || s->DESCENDING();
                p.orderBy.push_back(std::move(item));
            }
        if (c->skip()) p.skip = expr(c->skip()->expr());
        if (c->limit()) p.limit = expr(c->limit()->expr());
        return p;
    }

    ast::SetItem setItem(P::SetItemContext* c) {
        ast::SetItem s;
        s.pos = pos(c);
        if (auto* p = dynamic_cast<P::SetPropertyContext*>(c)) {
            s.kind = ast::SetItem::Kind::PROPERTY;
            s.target = propertyOf(p->expr(0), p->propertyKey(), p);
            s.value = expr(p->expr(1));
        } else if (auto* r = dynamic_cast<P::SetReplaceContext*>(c)) {
            s.kind = ast::SetItem::Kind::REPLACE;
            s.variable = name(r->variable());
            s.value = expr(r->expr());
        } else if (auto* m = dynamic_cast<P::SetMergeContext*>(c)) {
            s.kind = ast::SetItem::Kind::MERGE;
            s.variable = name(m->variable());
            s.value = expr(m->expr());
        } else if (auto* l = dynamic_cast<P::SetLabelsContext*>(c)) {
            s.kind = ast::SetItem::Kind::LABELS;
            s.variable = name(l->variable());
            s.labels = plainLabels(l->nodeLabels());
        }
        return s;
    }

    ast::RemoveItem removeItem(P::RemoveItemContext* c) {
        ast::RemoveItem r;
        r.pos = pos(c);
        if (auto* l = dynamic_cast<P::RemoveLabelsContext*>(c)) {
            r.kind = ast::RemoveItem::Kind::LABELS;
            r.variable = name(l->variable());
            r.labels = plainLabels(l->nodeLabels());
        } else if (auto* p = dynamic_cast<P::RemovePropertyContext*>(c)) {
            r.kind = ast::RemoveItem::Kind::PROPERTY;
            r.target = propertyOf(p->expr(), p->propertyKey(), p);
        }
        return r;
    }

    // `target.key` as a PROPERTY expression.
    ast::ExprPtr propertyOf(P::ExprContext* target, P::PropertyKeyContext* key, antlr4::ParserRuleContext* whole) {
        auto e = node(ast::ExprKind::PROPERTY, whole);
        e->name = schemaName(key->schemaName());
        e->args.push_back(expr(target));
        return e;
    }

    std::vector<std::string> plainLabels(P::NodeLabelsContext* c) {
        std::vector<std::string> out;
        for (const auto& anyOf : labels(c)) {
            if (anyOf.size() != 1) fail(c->getStart(), "label alternatives (A|B) are not allowed here");
            out.push_back(anyOf[0]);
        }
        return out;
    }

    std::vector<std::vector<std::string>> labels(P::NodeLabelsContext* c) {
        std::vector<std::vector<std::string>> out;
        if (!c) return out;
        for (auto* alt : c->labelAlternatives()) {
            std::vector<std::string> anyOf;
            for (auto* n : alt->schemaName()) anyOf.push_back(schemaName(n));
            out.push_back(std::move(anyOf));
        }
        return out;
    }

    // ---- patterns

    ast::Pattern pattern(P::PatternContext* c) {
        ast::Pattern p;
        for (auto* part : c->patternPart()) p.parts.push_back(patternPart(part));
        return p;
    }

    ast::PatternPart patternPart(P::PatternPartContext* c) {
        ast::PatternPart part;
        part.pos = pos(c);
        part.text = text(c);
        if (c->variable()) part.pathVariable = name(c->variable());
        auto* anon = c->anonymousPatternPart();
        if (anon->SHORTESTPATH()) part.kind = ast::PatternPart::Kind::SHORTEST_PATH;
        if (anon->ALLSHORTESTPATHS()) part.kind = ast::PatternPart::Kind::ALL_SHORTEST_PATHS;
        P::PatternElementContext* el = anon->patternElement();
        while (el->patternElement()) el = el->patternElement();
        chain(el->nodePattern(), el->relationshipPattern(), part);
        return part;
    }

    void chain(const std::vector<P::NodePatternContext*>& nodes, const std::vector<P::RelationshipPatternContext*>& rels,
               ast::PatternPart& part) {
        for (auto* n : nodes) part.nodes.push_back(nodePattern(n));
        for (auto* r : rels) part.rels.push_back(relPattern(r));
    }

    ast::NodePattern nodePattern(P::NodePatternContext* c) {
        ast::NodePattern n;
        n.pos = pos(c);
        if (c->variable()) n.variable = name(c->variable());
        n.labels = labels(c->nodeLabels());
        if (c->properties()) n.properties = properties(c->properties());
        return n;
    }

    ast::RelPattern relPattern(P::RelationshipPatternContext* c) {
        ast::RelPattern r;
        r.pos = pos(c);
        bool left = c->LT() != nullptr, right = c->GT() != nullptr;
        r.direction = left == right ? ast::Direction::BOTH : right ? ast::Direction::OUTGOING : ast::Direction::INCOMING;
        if (auto* d = c->relationshipDetail()) {
            if (d->variable()) r.variable = name(d->variable());
            if (auto* t = d->relationshipTypes())
                for (auto* n : t->schemaName()) r.types.push_back(schemaName(n));
            if (auto* range = d->rangeLiteral()) {
                r.variableLength = true;
                if (range->low) r.minHops = integer(range->low);
                if (range->DOTDOT()) {
                    if (range->high) r.maxHops = integer(range->high);
                } else if (range->low) {
                    r.maxHops = r.minHops;  // [*2] is exactly two hops
                }
            }
            if (d->properties()) r.properties = properties(d->properties());
        }
        return r;
    }

    ast::ExprPtr properties(P::PropertiesContext* c) {
        if (c->mapLiteral()) return mapLiteral(c->mapLiteral());
        return parameter(c->parameter());
    }

    // ---- expressions

    ast::ExprPtr node(ast::ExprKind kind, antlr4::ParserRuleContext* c) {
        auto e = std::make_unique<ast::Expr>();
        e->kind = kind;
        e->pos = pos(c);
        e->text = text(c);
        return e;
    }

    ast::ExprPtr binary(ast::Op op, P::ExprContext* a, P::ExprContext* b, antlr4::ParserRuleContext* whole) {
        auto e = node(ast::ExprKind::BINARY, whole);
        e->op = op;
        e->args.push_back(expr(a));
        e->args.push_back(expr(b));
        return e;
    }

    static bool hasToken(antlr4::ParserRuleContext* c, size_t type) {
        for (auto* child : c->children)
            if (auto* t = dynamic_cast<antlr4::tree::TerminalNode*>(child); t && t->getSymbol()->getType() == type)
                return true;
        return false;
    }

    static ast::Op comparisonOp(P::CompareExprContext* c) {
        if (c->EQ()) return ast::Op::EQ;
        if (c->NEQ()) return ast::Op::NE;
        if (c->LE()) return ast::Op::LE;
        if (c->GE()) return ast::Op::GE;
        if (c->LT()) return ast::Op::LT;
        return ast::Op::GT;
    }

    ast::ExprPtr expr(P::ExprContext* c) {
        if (auto* a = dynamic_cast<P::AtomExprContext*>(c)) return atom(a->atom());
        if (auto* p = dynamic_cast<P::PropertyExprContext*>(c)) return propertyOf(p->expr(), p->propertyKey(), p);
        if (auto* s = dynamic_cast<P::SubscriptExprContext*>(c)) {
            auto e = node(ast::ExprKind::SUBSCRIPT, s);
            e->args.push_back(expr(s->expr(0)));
            e->args.push_back(expr(s->expr(1)));
            return e;
        }
        if (auto* s = dynamic_cast<P::SliceExprContext*>(c)) {
            auto e = node(ast::ExprKind::SLICE, s);
            e->args.push_back(expr(s->expr(0)));
            e->args.push_back(s->from ? expr(s->from) : nullptr);
            e->args.push_back(s->to ? expr(s->to) : nullptr);
            return e;
        }
        if (auto* l = dynamic_cast<P::LabelExprContext*>(c)) {
            auto e = node(ast::ExprKind::HAS_LABELS, l);
            e->labels = plainLabels(l->nodeLabels());
            e->args.push_back(expr(l->expr()));
            return e;
        }
        if (auto* u = dynamic_cast<P::UnaryExprContext*>(c)) {
            // -9223372036854775808 is a literal, not the negation of one out of range.
            if (u->MINUS()) {
                if (auto* lit = integerLiteralOf(u->expr())) {
                    auto e = node(ast::ExprKind::LITERAL, u);
                    e->value = Value(integer(lit, true));
                    return e;
                }
            }
            auto e = node(ast::ExprKind::UNARY, u);
            e->op = u->MINUS() ? ast::Op::NEG : ast::Op::POS;
            e->args.push_back(expr(u->expr()));
            return e;
        }
        if (auto* p = dynamic_cast<P::PowExprContext*>(c)) return binary(ast::Op::POW, p->expr(0), p->expr(1), p);
        if (auto* m = dynamic_cast<P::MulExprContext*>(c))
            return binary(m->STAR() ? ast::Op::MUL : m->DIV() ? ast::Op::DIV : ast::Op::MOD, m->expr(0), m->expr(1), m);
        if (auto* a = dynamic_cast<P::AddExprContext*>(c))
            return binary(a->PLUS() ? ast::Op::ADD : ast::Op::SUB, a->expr(0), a->expr(1), a);
        if (auto* p = dynamic_cast<P::PredicateExprContext*>(c)) {
            ast::Op op = p->STARTS() ? ast::Op::STARTS_WITH
                         : p->ENDS() ? ast::Op::ENDS_WITH
                         : p->CONTAINS() ? ast::Op::CONTAINS
                         : p->REGEX() ? ast::Op::REGEX_MATCH
                                      : ast::Op::IN;
            return binary(op, p->expr(0), p->expr(1), p);
        }
        if (auto* n = dynamic_cast<P::NullExprContext*>(c)) {
            auto e = node(n->NOT() ? ast::ExprKind::IS_NOT_NULL : ast::ExprKind::IS_NULL, n);
            e->args.push_back(expr(n->expr()));
            return e;
        }
        if (auto* cmp = dynamic_cast<P::CompareExprContext*>(c)) return comparison(cmp);
        if (auto* n = dynamic_cast<P::NotExprContext*>(c)) {
            auto e = node(ast::ExprKind::UNARY, n);
            e->op = ast::Op::NOT;
            e->args.push_back(expr(n->expr()));
            return e;
        }
        if (auto* a = dynamic_cast<P::AndExprContext*>(c)) return binary(ast::Op::AND, a->expr(0), a->expr(1), a);
        if (auto* x = dynamic_cast<P::XorExprContext*>(c)) return binary(ast::Op::XOR, x->expr(0), x->expr(1), x);
        if (auto* o = dynamic_cast<P::OrExprContext*>(c)) return binary(ast::Op::OR, o->expr(0), o->expr(1), o);
        fail(c->getStart(), "unsupported expression");
    }

    // a < b < c means (a < b) AND (b < c): collect the chain, then pair it up.
    ast::ExprPtr comparison(P::CompareExprContext* c) {
        std::vector<P::CompareExprContext*> chain{c};
        while (auto* inner = dynamic_cast<P::CompareExprContext*>(chain.back()->expr(0))) chain.push_back(inner);
        std::reverse(chain.begin(), chain.end());
        if (chain.size() == 1) return binary(comparisonOp(c), c->expr(0), c->expr(1), c);
        ast::ExprPtr result;
        for (size_t i = 0; i < chain.size(); ++i) {
            P::ExprContext* left = i == 0 ? chain[0]->expr(0) : chain[i - 1]->expr(1);
            auto part = binary(comparisonOp(chain[i]), left, chain[i]->expr(1), chain[i]);
            if (!result) {
                result = std::move(part);
            } else {
                auto both = node(ast::ExprKind::BINARY, c);
                both->op = ast::Op::AND;
                both->args.push_back(std::move(result));
                both->args.push_back(std::move(part));
                result = std::move(both);
            }
        }
        return result;
    }

    static P::IntegerLiteralContext* integerLiteralOf(P::ExprContext* c) {
        auto* a = dynamic_cast<P::AtomExprContext*>(c);
        if (!a) return nullptr;
        auto* l = dynamic_cast<P::LiteralAtomContext*>(a->atom());
        if (!l || !l->literal()->numberLiteral()) return nullptr;
        return l->literal()->numberLiteral()->integerLiteral();
    }

    int64_t integer(P::IntegerLiteralContext* c, bool negative = false) {
        std::string t = c->getText();
        int base = 10;
        std::string digits = t;
        if (c->HexInteger()) {
            base = 16;
            digits = t.substr(2);
        } else if (c->OctalInteger()) {
            base = 8;
            digits = t.substr(2);
        }
        unsigned long long magnitude = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
        uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
        if (ec != std::errc() || end != digits.data() + digits.size() || magnitude > limit)
            fail(c->getStart(), fmt::format("integer literal {}{} is out of range", negative ? "-" : "", t));
        if (negative) return magnitude == (uint64_t{1} << 63) ? INT64_MIN : -static_cast<int64_t>(magnitude);
        return static_cast<int64_t>(magnitude);
    }

    ast::ExprPtr atom(P::AtomContext* c) {
        if (auto* l = dynamic_cast<P::LiteralAtomContext*>(c)) return literal(l->literal());
        if (auto* p = dynamic_cast<P::ParameterAtomContext*>(c)) return parameter(p->parameter());
        if (auto* k = dynamic_cast<P::CaseAtomContext*>(c)) {
            auto e = node(ast::ExprKind::CASE, k);
            e->args.push_back(k->test ? expr(k->test) : nullptr);
            for (auto* alt : k->caseAlternative()) {
                e->args.push_back(expr(alt->expr(0)));
                e->args.push_back(expr(alt->expr(1)));
            }
            e->args.push_back(k->elseExpr ? expr(k->elseExpr) : nullptr);
            return e;
        }
        if (dynamic_cast<P::CountStarAtomContext*>(c)) return node(ast::ExprKind::COUNT_STAR, c);
        if (auto* l = dynamic_cast<P::ListComprehensionAtomContext*>(c)) {
            auto e = node(ast::ExprKind::LIST_COMPREHENSION, l);
            e->variable = name(l->variable());
            auto exprs = l->expr();
            e->args.push_back(expr(exprs[0]));
            size_t next = 1;
            e->args.push_back(l->WHERE() ? expr(exprs[next++]) : nullptr);
            e->args.push_back(l->PIPE() ? expr(exprs[next++]) : nullptr);
            return e;
        }
        if (auto* p = dynamic_cast<P::PatternComprehensionAtomContext*>(c)) {
            auto e = node(ast::ExprKind::PATTERN_COMPREHENSION, p);
            e->pattern = std::make_shared<ast::Pattern>();
            ast::PatternPart part;
            part.pos = pos(p->relationshipsPattern());
            part.text = text(p->relationshipsPattern());
            if (p->variable()) part.pathVariable = name(p->variable());
            chain(p->relationshipsPattern()->nodePattern(), p->relationshipsPattern()->relationshipPattern(), part);
            e->pattern->parts.push_back(std::move(part));
            auto exprs = p->expr();
            e->args.push_back(p->WHERE() ? expr(exprs[0]) : nullptr);
            e->args.push_back(expr(exprs.back()));
            return e;
        }
        if (auto* q = dynamic_cast<P::QuantifierAtomContext*>(c)) {
            auto e = node(ast::ExprKind::QUANTIFIER, q);
            e->quantifier = q->ALL()    ? ast::Quantifier::ALL
                            : q->ANY()  ? ast::Quantifier::ANY
                            : q->NONE() ? ast::Quantifier::NONE
                                        : ast::Quantifier::SINGLE;
            e->variable = name(q->variable());
            auto exprs = q->expr();
            e->args.push_back(expr(exprs[0]));
            e->args.push_back(q->WHERE() ? expr(exprs[1]) : nullptr);
            return e;
        }
        if (auto* r = dynamic_cast<P::ReduceAtomContext*>(c)) {
            auto e = node(ast::ExprKind::REDUCE, r);
            e->keys.push_back(name(r->variable(0)));
            e->variable = name(r->variable(1));
            for (auto* x : r->expr()) e->args.push_back(expr(x));
            return e;
        }
        if (auto* x = dynamic_cast<P::ExistsAtomContext*>(c)) {
            auto e = node(ast::ExprKind::EXISTS_SUBQUERY, x);
            if (x->query()) {
                ast::Statement inner;
                query(x->query(), inner);
                if (inner.queries.size() != 1) fail(x->getStart(), "UNION is not allowed inside EXISTS { }");
                e->subquery = std::make_shared<ast::SingleQuery>(std::move(inner.queries[0]));
            } else {
                e->pattern = std::make_shared<ast::Pattern>(pattern(x->pattern()));
                if (x->where()) e->args.push_back(expr(x->where()->expr()));
            }
            return e;
        }
        if (auto* p = dynamic_cast<P::PatternAtomContext*>(c)) {
            auto e = node(ast::ExprKind::PATTERN_PREDICATE, p);
            e->pattern = std::make_shared<ast::Pattern>();
            ast::PatternPart part;
            part.pos = pos(p);
            part.text = text(p);
            chain(p->relationshipsPattern()->nodePattern(), p->relationshipsPattern()->relationshipPattern(), part);
            e->pattern->parts.push_back(std::move(part));
            return e;
        }
        if (auto* p = dynamic_cast<P::ParenthesizedAtomContext*>(c)) {
            auto e = expr(p->expr());
            e->text = text(p);
            return e;
        }
        if (auto* f = dynamic_cast<P::FunctionAtomContext*>(c)) {
            auto e = node(ast::ExprKind::FUNCTION, f);
            if (f->functionName()->EXISTS()) {
                e->name = "exists";
            } else {
                for (auto* part : f->functionName()->symbolicName()) e->name += (e->name.empty() ? "" : ".") + name(part);
            }
            e->distinct = f->DISTINCT() != nullptr;
            for (auto* x : f->expr()) e->args.push_back(expr(x));
            return e;
        }
        if (auto* m = dynamic_cast<P::MapProjectionAtomContext*>(c)) {
            auto e = node(ast::ExprKind::MAP_PROJECTION, m);
            e->variable = name(m->variable());
            for (auto* item : m->mapProjectionItem()) {
                ast::MapProjectionItem out;
                if (auto* p = dynamic_cast<P::ProjectPropertyContext*>(item)) {
                    out.kind = ast::MapProjectionItem::Kind::PROPERTY;
                    out.key = schemaName(p->propertyKey()->schemaName());
                } else if (dynamic_cast<P::ProjectAllContext*>(item)) {
                    out.kind = ast::MapProjectionItem::Kind::ALL_PROPERTIES;
                } else if (auto* l = dynamic_cast<P::ProjectLiteralContext*>(item)) {
                    out.kind = ast::MapProjectionItem::Kind::LITERAL;
                    out.key = schemaName(l->propertyKey()->schemaName());
                    out.value = expr(l->expr());
                } else if (auto* v = dynamic_cast<P::ProjectVariableContext*>(item)) {
                    out.kind = ast::MapProjectionItem::Kind::VARIABLE;
                    out.key = name(v->variable());
                }
                e->projection.push_back(std::move(out));
            }
            return e;
        }
        if (auto* v = dynamic_cast<P::VariableAtomContext*>(c)) {
            auto e = node(ast::ExprKind::VARIABLE, v);
            e->name = name(v->variable());
            return e;
        }
        fail(c->getStart(), "unsupported expression");
    }

    ast::ExprPtr literal(P::LiteralContext* c) {
        if (c->listLiteral()) {
            auto e = node(ast::ExprKind::LIST, c);
            for (auto* x : c->listLiteral()->expr()) e->args.push_back(expr(x));
            return e;
        }
        if (c->mapLiteral()) return mapLiteral(c->mapLiteral());
        auto e = node(ast::ExprKind::LITERAL, c);
        if (c->TRUE()) e->value = Value(true);
        else if (c->FALSE()) e->value = Value(false);
        else if (c->NULL_()) e->value = Value();
        else if (c->StringLiteral()) e->value = Value(unescape(c->StringLiteral()->getSymbol()));
        else if (auto* n = c->numberLiteral()) {
            if (n->integerLiteral()) {
                e->value = Value(integer(n->integerLiteral()));
            } else {
                std::string t = n->getText();
                errno = 0;
                double d = std::strtod(t.c_str(), nullptr);
                if (std::isinf(d)) fail(n->getStart(), fmt::format("float literal {} is out of range", t));
                e->value = Value(d);
            }
        }
        return e;
    }

    ast::ExprPtr mapLiteral(P::MapLiteralContext* c) {
        auto e = node(ast::ExprKind::MAP, c);
        auto keys = c->propertyKey();
        auto values = c->expr();
        for (size_t i = 0; i < keys.size(); ++i) {
            e->keys.push_back(schemaName(keys[i]->schemaName()));
            e->args.push_back(expr(values[i]));
        }
        return e;
    }

    ast::ExprPtr parameter(P::ParameterContext* c) {
        auto e = node(ast::ExprKind::PARAMETER, c);
        e->name = c->symbolicName() ? name(c->symbolicName()) : c->DecimalInteger()->getText();
        return e;
    }

    // ---- names and strings

    std::string name(P::VariableContext* c) { return name(c->symbolicName()); }

    std::string name(P::SymbolicNameContext* c) {
        if (c->EscapedName()) return unquoteName(c->EscapedName()->getText());
        return c->getText();
    }

    std::string schemaName(P::SchemaNameContext* c) {
        if (c->symbolicName()) return name(c->symbolicName());
        return c->getText();
    }

    static std::string unquoteName(const std::string& t) {
        std::string out;
        for (size_t i = 1; i + 1 < t.size(); ++i) {
            out += t[i];
            if (t[i] == '`') ++i;  // `` is one backtick
        }
        return out;
    }

    static void appendUtf8(std::string& out, uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    std::string unescape(antlr4::Token* token) {
        const std::string t = token->getText();
        std::string out;
        for (size_t i = 1; i + 1 < t.size(); ++i) {
            char c = t[i];
            if (c != '\\') {
                out += c;
                continue;
            }
            char e = t[++i];
            switch (e) {
                case '\\': out += '\\'; break;
                case '\'': out += '\''; break;
                case '"': out += '"'; break;
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'u':
                case 'U': {
                    size_t n = e == 'u' ? 4 : 8;
                    if (i + n >= t.size()) fail(token, "incomplete unicode escape");
                    std::string hex = t.substr(i + 1, n);
                    uint32_t cp = 0;
                    auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), cp, 16);
                    if (ec != std::errc() || end != hex.data() + hex.size() || cp > 0x10FFFF ||
                        (cp >= 0xD800 && cp <= 0xDFFF))
                        fail(token, fmt::format("invalid unicode escape \\{}{}", e, hex));
                    appendUtf8(out, cp);
                    i += n;
                    break;
                }
                default: fail(token, fmt::format("invalid escape sequence \\{}", e));
            }
        }
        return out;
    }

    antlr4::CharStream& input_;
};

}  // namespace

Result<ast::Statement> parse(std::string_view text, QueryError* error) {
    auto failWith = [&](size_t line, size_t column, const std::string& message) -> Status {
        if (error) {
            error->kind = "SyntaxError";
            error->atCompileTime = true;
            error->line = static_cast<int>(line);
            error->column = static_cast<int>(column + 1);
            error->excerpt = excerpt(text, line, column);
        }
        return Status::invalidInput(fmt::format("line {}:{}: {}", line, column + 1, message));
    };

    antlr4::ANTLRInputStream input(text.data(), text.size());
    kgraph_grammar::KgQueryLexer lexer(&input);
    ErrorCollector errors;
    lexer.removeErrorListeners();
    lexer.addErrorListener(&errors);
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();

    // Bound the nesting before the recursive parser sees it.
    int depth = 0;
    for (antlr4::Token* t : tokens.getTokens()) {
        switch (t->getType()) {
            case kgraph_grammar::KgQueryLexer::LPAREN:
            case kgraph_grammar::KgQueryLexer::LBRACK:
            case kgraph_grammar::KgQueryLexer::LBRACE:
                if (++depth > kMaxNesting)
                    return failWith(t->getLine(), t->getCharPositionInLine(),
                                    fmt::format("nesting deeper than {} levels", kMaxNesting));
                break;
            case kgraph_grammar::KgQueryLexer::RPAREN:
            case kgraph_grammar::KgQueryLexer::RBRACK:
            case kgraph_grammar::KgQueryLexer::RBRACE: --depth; break;
            default: break;
        }
    }

    kgraph_grammar::KgQueryParser parser(&tokens);
    parser.removeErrorListeners();
    // Fast path: SLL prediction, bail at the first error; on failure, the full
    // LL parse gives the precise error position.
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    P::StatementContext* tree = nullptr;
    try {
        tree = parser.statement();
    } catch (const antlr4::ParseCancellationException&) {
        tree = nullptr;
    }
    if (!tree || errors.first) {
        errors.first.reset();
        tokens.seek(0);
        parser.reset();
        parser.addErrorListener(&errors);
        parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
        parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
        tree = parser.statement();
    }
    if (errors.first) return failWith(errors.first->line, errors.first->column, errors.first->message);

    try {
        Builder builder(input);
        return builder.statement(tree);
    } catch (const QueryException& ex) {
        return failWith(ex.pos().line, ex.pos().column ? ex.pos().column - 1 : 0, ex.what());
    }
}

}  // namespace kgraph::query
