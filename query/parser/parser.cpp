// parse(): query text -> tokens -> nesting check -> ANTLR parse tree (SLL,
// then LL on failure) -> AST (transformer.hpp). Syntax errors become one
// line "line L:C: <what>" and a QueryError with the offending line and a
// caret. ANTLR types end in this folder.
#include "query/parser/parser.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "KgQueryLexer.h"
#include "KgQueryParser.h"
#include "antlr4-runtime.h"
#include "query/errors.hpp"
#include "query/parser/transformer.hpp"

namespace kgraph::query {

namespace {

using Lexer = grammar::KgQueryLexer;
using Parser = grammar::KgQueryParser;

// Brackets ( [ {, CASE ... END and runs of prefix operators (NOT, -, +)
// nested deeper than this are refused before parsing: the generated parser
// recurses several frames per level and has no limit of its own. Measured
// under AddressSanitizer (the largest frames) with 8 MiB of stack, 1000
// levels of any of them parse and 2000 overflow; 500 leaves room for the
// caller's frames and for the planner's recursion over the result.
constexpr size_t kMaxNesting = 500;
// How much of a source line an excerpt shows, and of a token a message quotes.
constexpr size_t kMaxExcerptBytes = 200;
constexpr size_t kMaxQuotedBytes = 60;

struct SyntaxFailure {
    size_t line;    // 1-based
    size_t column;  // 0-based, in code points (ANTLR's charPositionInLine)
    std::string message;
};

bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The length of the valid UTF-8 sequence at text[i], or 0 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF).
size_t utf8Length(std::string_view text, size_t i) {
    auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = at(i);
    if (c < 0x80) return 1;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || c > 0xF4 || i + n > text.size()) return 0;
    for (size_t k = 1; k < n; ++k)
        if (!isContinuation(at(i + k))) return 0;
    unsigned char c1 = at(i + 1);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
        return 0;
    return n;
}

// Cuts `s` to at most `max` bytes without splitting a character.
std::string truncateUtf8(std::string_view s, size_t max) {
    if (s.size() <= max) return std::string(s);
    size_t end = max;
    while (end > 0 && isContinuation(static_cast<unsigned char>(s[end]))) --end;
    return std::string(s.substr(0, end)) + "...";
}

// A token as a message quotes it: one line, not too long.
std::string quote(const std::string& text) {
    std::string shown = truncateUtf8(text, kMaxQuotedBytes);
    for (char& c : shown)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return "'" + shown + "'";
}

// What the parser wanted at the error, in a few words, or "".
std::string expectedSummary(const antlr4::misc::IntervalSet& expected, const antlr4::dfa::Vocabulary& vocabulary) {
    if (expected.isEmpty()) return {};
    auto has = [&](size_t type) { return expected.contains(type); };
    // Where a name or an expression may stand, so may every keyword (as a
    // label, key or namespace): test for those before clause keywords.
    if (has(Parser::StringLiteral)) return "an expression";
    bool name = has(Parser::Identifier);
    if (!name && has(Parser::MATCH) && has(Parser::RETURN)) return "a clause";
    // The clause loop has ended without a clause it knows: a misspelt clause
    // keyword ends up here, so say that a clause could have come.
    if (expected.size() == 2 && has(static_cast<size_t>(antlr4::Token::EOF)) && has(Parser::SEMI))
        return "a clause or the end of the query";
    std::vector<std::string> words;
    auto add = [&](std::string w) {
        if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(std::move(w));
    };
    for (ssize_t type : expected.toList()) {
        if (type < 0) {  // EOF
            add("end of query");
            continue;
        }
        std::string literal = vocabulary.getLiteralName(static_cast<size_t>(type));
        std::string symbolic = vocabulary.getSymbolicName(static_cast<size_t>(type));
        if (type == Parser::Identifier || type == Parser::EscapedName) add("a name");
        else if (type == Parser::DecimalInteger || type == Parser::HexInteger || type == Parser::OctalInteger)
            add("an integer");
        else if (type == Parser::FloatLiteral) add("a number");
        else if (!literal.empty()) add(literal);
        else if (!name) {
            // A keyword; where a name may stand, every keyword may, and "a name" says it.
            if (!symbolic.empty() && symbolic.back() == '_') symbolic.pop_back();
            add(symbolic);
        }
    }
    if (words.empty() || words.size() > 5) return {};
    std::string out = words[0];
    for (size_t i = 1; i < words.size(); ++i) out += (i + 1 == words.size() ? " or " : ", ") + words[i];
    return out;
}

// Keeps the first syntax error, in our words, and stops the parse there:
// error recovery would only cost time and produce follow-on errors.
class FirstError : public antlr4::BaseErrorListener {
public:
    struct Stop {};

    std::optional<SyntaxFailure> failure;

    void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t column,
                     const std::string& message, std::exception_ptr e) override {
        if (!failure) failure = SyntaxFailure{line, column, describe(recognizer, offending, message, e)};
        throw Stop{};
    }

private:
    static std::string describe(antlr4::Recognizer* recognizer, antlr4::Token* offending, const std::string& message,
                                std::exception_ptr e) {
        if (!offending) return truncateUtf8(message, kMaxExcerptBytes);
        switch (offending->getType()) {
            case Parser::UnterminatedString: return "unterminated string literal";
            case Parser::UnterminatedName: return "unterminated name: missing the closing `";
            case Parser::UnterminatedComment: return "unterminated comment: missing */";
            case Parser::MalformedNumber: return "invalid number literal " + quote(offending->getText());
            case Parser::UNKNOWN: return "unexpected character " + quote(offending->getText());
            case Parser::BANG_EQ: return "unexpected '!=': the inequality operator is <>";
            default: break;
        }
        std::string what = offending->getType() == antlr4::Token::EOF ? "unexpected end of query"
                                                                        : "unexpected " + quote(offending->getText());
        std::string expected = expectedSummary(expectedTokens(recognizer, offending, e), recognizer->getVocabulary());
        return expected.empty() ? what : what + ", expected " + expected;
    }

    // The tokens the parser could have taken instead of `offending`, when known.
    static antlr4::misc::IntervalSet expectedTokens(antlr4::Recognizer* recognizer, antlr4::Token* offending,
                                                    std::exception_ptr e) {
        auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
        if (!parser) return {};
        try {
            if (!e) return parser->getExpectedTokens();  // a missing or extra token
            std::rethrow_exception(e);
        } catch (const antlr4::NoViableAltException& ex) {
            // The set belongs to where the decision started; it says nothing
            // about a token further on.
            if (ex.getStartToken() != offending) return {};
            return ex.getExpectedTokens();
        } catch (const antlr4::RecognitionException& ex) {
            return ex.getExpectedTokens();
        } catch (...) {
        }
        return {};
    }
};

// The line of `text` holding the error, cut to at most 200 bytes around the
// column, and a caret under the column. Tabs become spaces (so the caret
// lines up) and bytes that are not UTF-8 become '?'.
std::string excerpt(std::string_view text, size_t line, size_t column) {
    size_t start = 0;
    for (size_t l = 1; l < line; ++l) {
        size_t newline = text.find('\n', start);
        if (newline == std::string_view::npos) break;
        start = newline + 1;
    }
    size_t end = text.find('\n', start);
    std::string_view row = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);

    // Split the row into characters: (byte offset, length; 0 = invalid byte).
    std::vector<std::pair<size_t, size_t>> chars;
    for (size_t i = 0; i < row.size();) {
        size_t n = utf8Length(row, i);
        chars.emplace_back(i, n);
        i += n ? n : 1;
    }
    size_t caret = std::min(column, chars.size());
    size_t caretByte = caret < chars.size() ? chars[caret].first : row.size();
    // A window of at most kMaxExcerptBytes around the caret, whole characters only.
    size_t from = caretByte > kMaxExcerptBytes / 2 ? caretByte - kMaxExcerptBytes / 2 : 0;
    size_t to = std::min(row.size(), from + kMaxExcerptBytes);
    if (to == row.size()) from = to > kMaxExcerptBytes ? to - kMaxExcerptBytes : 0;
    std::string shown;
    size_t spaces = 0;
    for (size_t k = 0; k < chars.size(); ++k) {
        auto [offset, n] = chars[k];
        if (offset < from || offset + std::max<size_t>(n, 1) > to) continue;
        if (k < caret) ++spaces;
        if (n == 0) shown += '?';
        else if (row[offset] == '\t') shown += ' ';
        else shown.append(row.substr(offset, n));
    }
    return shown + "\n" + std::string(spaces, ' ') + "^";
}

// The line and 0-based code-point column of byte `offset` of `text`.
std::pair<size_t, size_t> lineAndColumn(std::string_view text, size_t offset) {
    size_t line = 1, column = 0;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 0;
        } else if (!isContinuation(static_cast<unsigned char>(text[i]))) {
            ++column;
        }
    }
    return {line, column};
}

// Whether a token ends an operand, so that a - or + after it is binary.
bool endsOperand(size_t type) {
    switch (type) {
        case Lexer::RPAREN:
        case Lexer::RBRACK:
        case Lexer::RBRACE:
        case Lexer::Identifier:
        case Lexer::EscapedName:
        case Lexer::DecimalInteger:
        case Lexer::HexInteger:
        case Lexer::OctalInteger:
        case Lexer::FloatLiteral:
        case Lexer::StringLiteral:
        case Lexer::NULL_:
        case Lexer::TRUE_:
        case Lexer::FALSE_:
        case Lexer::END:
        // Keywords that may also be variables (symbolicName in the grammar).
        case Lexer::COUNT:
        case Lexer::ANY:
        case Lexer::NONE:
        case Lexer::SINGLE:
        case Lexer::ALL:
        case Lexer::REDUCE:
        case Lexer::SHORTESTPATH:
        case Lexer::ALLSHORTESTPATHS:
        case Lexer::ASC:
        case Lexer::ASCENDING:
        case Lexer::DESC:
        case Lexer::DESCENDING:
        case Lexer::ORDER:
        case Lexer::BY:
        case Lexer::SKIP_:
        case Lexer::LIMIT:
        case Lexer::DETACH:
        case Lexer::YIELD:
        case Lexer::EXPLAIN:
        case Lexer::PROFILE: return true;
        default: return false;
    }
}

// The first token that nests deeper than kMaxNesting, or null. Counts what
// makes the generated parser recurse: open brackets and CASE until they
// close, and prefix operators in a row (NOT NOT x, - - x, NOT (NOT (x))).
// A keyword used as a property key (n.limit - 1) makes a binary - look like
// a prefix one: the count errs on the safe side by a level.
antlr4::Token* tooDeep(const std::vector<antlr4::Token*>& tokens) {
    std::vector<size_t> open;
    size_t prefixRun = 0;
    size_t previous = antlr4::Token::INVALID_TYPE;
    for (antlr4::Token* t : tokens) {
        if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
        size_t type = t->getType();
        switch (type) {
            case Lexer::LPAREN:
            case Lexer::LBRACK:
            case Lexer::LBRACE:
            case Lexer::CASE: open.push_back(type); break;
            case Lexer::NOT: ++prefixRun; break;
            case Lexer::MINUS:
            case Lexer::PLUS:
                if (endsOperand(previous)) prefixRun = 0;
                else ++prefixRun;
                break;
            case Lexer::RPAREN:
            case Lexer::RBRACK:
            case Lexer::RBRACE:
            case Lexer::END: {
                size_t opener = type == Lexer::RPAREN   ? Lexer::LPAREN
                                : type == Lexer::RBRACK ? Lexer::LBRACK
                                : type == Lexer::RBRACE ? Lexer::LBRACE
                                                        : Lexer::CASE;
                // An unmatched closer is the parser's error to report; it nests nothing.
                if (!open.empty() && open.back() == opener) open.pop_back();
                prefixRun = 0;
                break;
            }
            default: prefixRun = 0; break;
        }
        previous = type;
        if (open.size() + prefixRun > kMaxNesting) return t;
    }
    return nullptr;
}

}  // namespace

Result<ast::Statement> parse(std::string_view text, QueryError* error) {
    auto syntaxError = [&](size_t line, size_t column, const std::string& message) -> Status {
        if (error) {
            error->kind = "SyntaxError";
            error->atCompileTime = true;
            error->line = static_cast<int>(line);
            error->column = static_cast<int>(column + 1);
            error->excerpt = excerpt(text, line, column);
        }
        return Status::invalidInput(fmt::format("line {}:{}: {}", line, column + 1, message));
    };

    // ANTLR's input stream throws on malformed UTF-8; say where it is instead.
    for (size_t i = 0; i < text.size();) {
        size_t n = utf8Length(text, i);
        if (n == 0) {
            auto [line, column] = lineAndColumn(text, i);
            return syntaxError(line, column, "the query is not valid UTF-8");
        }
        i += n;
    }

    try {
        antlr4::ANTLRInputStream input(text.data(), text.size());
        Lexer lexer(&input);
        FirstError errors;
        lexer.removeErrorListeners();
        lexer.addErrorListener(&errors);
        antlr4::CommonTokenStream tokens(&lexer);
        try {
            tokens.fill();
        } catch (const FirstError::Stop&) {
            return syntaxError(errors.failure->line, errors.failure->column, errors.failure->message);
        }

        const std::vector<antlr4::Token*>& all = tokens.getTokens();
        if (antlr4::Token* deep = tooDeep(all))
            return syntaxError(deep->getLine(), deep->getCharPositionInLine(),
                               fmt::format("nesting deeper than {} levels", kMaxNesting));
        bool empty = std::none_of(all.begin(), all.end(), [](antlr4::Token* t) {
            return t->getChannel() == antlr4::Token::DEFAULT_CHANNEL && t->getType() != antlr4::Token::EOF;
        });
        if (empty) return syntaxError(all.back()->getLine(), all.back()->getCharPositionInLine(), "the query is empty");

        Parser parser(&tokens);
        parser.removeErrorListeners();
        // Fast path: SLL prediction, giving up at the first error. SLL can
        // fail where LL succeeds, and the LL parse reports errors precisely.
        parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
        parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
        Parser::StatementContext* tree = nullptr;
        try {
            tree = parser.statement();
        } catch (const antlr4::ParseCancellationException&) {
            tree = nullptr;
        }
        if (!tree) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(&errors);
            parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
            parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
                antlr4::atn::PredictionMode::LL);
            try {
                tree = parser.statement();
            } catch (const FirstError::Stop&) {
                return syntaxError(errors.failure->line, errors.failure->column, errors.failure->message);
            }
            if (errors.failure) return syntaxError(errors.failure->line, errors.failure->column, errors.failure->message);
        }

        parser::Transformer transformer(text);
        return transformer.transformStatement(tree);
    } catch (const QueryException& e) {
        return syntaxError(e.pos().line, e.pos().column ? e.pos().column - 1 : 0, e.what());
    } catch (const std::exception& e) {
        // The runtime should not throw anything else; if it does, the query
        // is still refused rather than the process ended.
        return syntaxError(1, 0, fmt::format("the query could not be parsed ({})", truncateUtf8(e.what(), 100)));
    }
}

}  // namespace kgraph::query
