// Literals, parameters and names: literal, numberLiteral, integerLiteral,
// listLiteral, mapLiteral, parameter, variable, symbolicName, schemaName.
#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <locale.h>

#include <fmt/format.h>

#include "common/text.hpp"
#include "query/errors.hpp"
#include "query/parser/transformer.hpp"

namespace kgraph::query::parser {

namespace {


// The position of byte `offset` of `token`'s text, which may span lines.
ast::Pos positionInToken(antlr4::Token* token, const std::string& text, size_t offset) {
    ast::Pos pos{static_cast<uint32_t>(token->getLine()), static_cast<uint32_t>(token->getCharPositionInLine() + 1)};
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((byte & 0xC0) != 0x80) {  // count code points, not continuation bytes
            ++pos.column;
        }
    }
    return pos;
}

// `count` hex digits at text[at...], or -1.
int64_t hexValue(const std::string& text, size_t at, size_t count) {
    if (at + count > text.size()) return -1;
    uint32_t value = 0;
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + count, value, 16);
    if (ec != std::errc() || end != text.data() + at + count) return -1;
    return value;
}

}  // namespace

ast::ExprPtr Transformer::transformLiteral(P::LiteralContext* ctx) {
    if (auto* list = ctx->listLiteral()) {
        auto e = makeExpr(ast::ExprKind::LIST, ctx);
        for (auto* x : list->expr()) e->args.push_back(transformExpr(x));
        return e;
    }
    if (ctx->mapLiteral()) return transformMapLiteral(ctx->mapLiteral());
    auto e = makeExpr(ast::ExprKind::LITERAL, ctx);
    if (ctx->TRUE_()) {
        e->value = Value(true);
    } else if (ctx->FALSE_()) {
        e->value = Value(false);
    } else if (ctx->NULL_()) {
        e->value = Value();
    } else if (ctx->StringLiteral()) {
        e->value = Value(transformStringLiteral(ctx->StringLiteral()->getSymbol()));
    } else if (auto* number = ctx->numberLiteral()) {
        if (number->integerLiteral()) e->value = Value(transformIntegerLiteral(number->integerLiteral()));
        else e->value = Value(transformFloatLiteral(number->FloatLiteral()));
    }
    return e;
}

ast::ExprPtr Transformer::transformMapLiteral(P::MapLiteralContext* ctx) {
    auto e = makeExpr(ast::ExprKind::MAP, ctx);
    auto keys = ctx->propertyKey();
    auto values = ctx->expr();
    for (size_t i = 0; i < keys.size(); ++i) {
        e->keys.push_back(transformSchemaName(keys[i]->schemaName()));
        e->args.push_back(transformExpr(values[i]));
    }
    return e;
}

ast::ExprPtr Transformer::transformParameter(P::ParameterContext* ctx) {
    auto e = makeExpr(ast::ExprKind::PARAMETER, ctx);
    e->name = ctx->symbolicName() ? transformSymbolicName(ctx->symbolicName()) : ctx->DecimalInteger()->getText();
    return e;
}

int64_t Transformer::transformIntegerLiteral(P::IntegerLiteralContext* ctx, bool negative) {
    const std::string text = ctx->getStart()->getText();
    int base = 10;
    size_t skip = 0;
    if (ctx->HexInteger()) {
        base = 16;
        skip = 2;  // 0x
    } else if (ctx->OctalInteger()) {
        base = 8;
        skip = 2;  // 0o
    }
    uint64_t magnitude = 0;
    const char* first = text.data() + skip;
    const char* last = text.data() + text.size();
    auto [end, ec] = std::from_chars(first, last, magnitude, base);
    // The most negative int64 has no positive counterpart: it is only in
    // range with its minus sign folded in.
    const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
    if (ec != std::errc() || end != last || magnitude > limit)
        fail(ctx->getStart(), fmt::format("integer literal out of range: {}{}", negative ? "-" : "", text));
    if (!negative) return static_cast<int64_t>(magnitude);
    return magnitude == (uint64_t{1} << 63) ? INT64_MIN : -static_cast<int64_t>(magnitude);
}

double Transformer::transformFloatLiteral(antlr4::tree::TerminalNode* token) {
    const std::string text = token->getText();
    // strtod in the "C" locale: the process locale may use a decimal comma.
    static locale_t cLocale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
    double value = strtod_l(text.c_str(), nullptr, cLocale);
    // Underflow rounds to zero or a subnormal, as in Java; overflow is an error.
    if (std::isinf(value)) fail(token->getSymbol(), fmt::format("float literal out of range: {}", text));
    return value;
}

std::string Transformer::transformStringLiteral(antlr4::Token* token) {
    const std::string text = token->getText();
    std::string out;
    out.reserve(text.size());
    auto invalid = [&](size_t at, const std::string& message) {
        throw QueryException(ErrorKind::SYNTAX, message, positionInToken(token, text, at));
    };
    // text[0] and text.back() are the quotes.
    for (size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] != '\\') {
            out += text[i];
            continue;
        }
        const size_t escape = i;
        const char c = text[++i];
        switch (c) {
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
                const size_t digits = c == 'u' ? 4 : 8;
                int64_t cp = hexValue(text, i + 1, digits);
                size_t consumed = digits;
                // A UTF-16 surrogate pair written as two \u escapes is one code point.
                if (c == 'u' && cp >= 0xD800 && cp <= 0xDBFF && i + 6 + 4 < text.size() &&
                    text.compare(i + 5, 2, "\\u") == 0) {
                    int64_t low = hexValue(text, i + 7, 4);
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        consumed += 6;
                    }
                }
                if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    size_t shown = std::min(digits, text.size() - 1 - (i + 1));
                    invalid(escape, fmt::format("invalid unicode escape \\{}{} in string literal", c,
                                                text.substr(i + 1, shown)));
                }
                appendUtf8(out, static_cast<uint32_t>(cp));
                i += consumed;
                break;
            }
            default: {
                // Show the whole character, even when it takes several bytes.
                size_t length = 1;
                while (i + length < text.size() - 1 && (static_cast<unsigned char>(text[i + length]) & 0xC0) == 0x80)
                    ++length;
                invalid(escape, fmt::format("invalid escape sequence \\{} in string literal", text.substr(i, length)));
            }
        }
    }
    return out;
}

std::string Transformer::transformVariable(P::VariableContext* ctx) {
    return transformSymbolicName(ctx->symbolicName());
}

std::string Transformer::transformSymbolicName(P::SymbolicNameContext* ctx) {
    if (!ctx->EscapedName()) return ctx->getStart()->getText();
    // `a``b` is the name a`b.
    const std::string text = ctx->EscapedName()->getText();
    if (text.size() == 2) fail(ctx->getStart(), "a name cannot be empty");
    std::string out;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
        out += text[i];
        if (text[i] == '`') ++i;
    }
    return out;
}

std::string Transformer::transformSchemaName(P::SchemaNameContext* ctx) {
    if (ctx->symbolicName()) return transformSymbolicName(ctx->symbolicName());
    return ctx->getStart()->getText();  // a reserved word, as written
}

}  // namespace kgraph::query::parser
