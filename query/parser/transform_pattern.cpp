// Patterns: pattern, patternPart, patternElement, nodePattern,
// relationshipPattern and their labels, types, ranges and properties.
#include "query/errors.hpp"
#include "query/parser/transformer.hpp"

namespace kgraph::query::parser {

ast::Pattern Transformer::transformPattern(P::PatternContext* ctx) {
    ast::Pattern pattern;
    for (auto* part : ctx->patternPart()) pattern.parts.push_back(transformPatternPart(part));
    return pattern;
}

ast::PatternPart Transformer::transformPatternPart(P::PatternPartContext* ctx) {
    ast::PatternPart part;
    part.pos = position(ctx);
    part.text = sourceText(ctx);
    if (ctx->variable()) part.pathVariable = transformVariable(ctx->variable());
    auto* anonymous = ctx->anonymousPatternPart();
    if (anonymous->SHORTESTPATH()) part.kind = ast::PatternPart::Kind::SHORTEST_PATH;
    if (anonymous->ALLSHORTESTPATHS()) part.kind = ast::PatternPart::Kind::ALL_SHORTEST_PATHS;
    // ((a)-->(b)) is (a)-->(b): unwrap the parentheses without recursion.
    P::PatternElementContext* element = anonymous->patternElement();
    while (element->patternElement()) element = element->patternElement();
    for (auto* node : element->nodePattern()) part.nodes.push_back(transformNodePattern(node));
    for (auto* rel : element->relationshipPattern()) part.rels.push_back(transformRelationshipPattern(rel));
    return part;
}

ast::PatternPart Transformer::transformRelationshipsPattern(P::RelationshipsPatternContext* ctx,
                                                           P::VariableContext* path) {
    ast::PatternPart part;
    part.pos = position(path ? static_cast<antlr4::ParserRuleContext*>(path) : ctx);
    part.text = sourceText(path ? path->getStart() : ctx->getStart(), ctx->getStop());
    if (path) part.pathVariable = transformVariable(path);
    for (auto* node : ctx->nodePattern()) part.nodes.push_back(transformNodePattern(node));
    for (auto* rel : ctx->relationshipPattern()) part.rels.push_back(transformRelationshipPattern(rel));
    return part;
}

ast::NodePattern Transformer::transformNodePattern(P::NodePatternContext* ctx) {
    ast::NodePattern node;
    node.pos = position(ctx);
    if (ctx->variable()) node.variable = transformVariable(ctx->variable());
    node.labels = transformNodeLabels(ctx->nodeLabels());
    if (ctx->properties()) node.properties = transformProperties(ctx->properties());
    return node;
}

ast::RelPattern Transformer::transformRelationshipPattern(P::RelationshipPatternContext* ctx) {
    ast::RelPattern rel;
    rel.pos = position(ctx);
    bool left = ctx->LT() != nullptr;
    bool right = ctx->GT() != nullptr;
    // <--> points both ways, which openCypher reads as either direction, like --.
    rel.direction = left == right ? ast::Direction::BOTH
                    : right       ? ast::Direction::OUTGOING
                                  : ast::Direction::INCOMING;
    auto* detail = ctx->relationshipDetail();
    if (!detail) return rel;
    if (detail->variable()) rel.variable = transformVariable(detail->variable());
    if (auto* types = detail->relationshipTypes())
        for (auto* name : types->schemaName()) rel.types.push_back(transformSchemaName(name));
    if (auto* range = detail->rangeLiteral()) {
        rel.variableLength = true;
        if (range->low) rel.minHops = transformIntegerLiteral(range->low);
        if (range->DOTDOT()) {
            if (range->high) rel.maxHops = transformIntegerLiteral(range->high);
        } else if (range->low) {
            rel.maxHops = rel.minHops;  // [*2] is exactly two hops
        }
        // [*2..1] is valid and matches nothing (TCK Match5 [11]).
    }
    if (detail->properties()) rel.properties = transformProperties(detail->properties());
    return rel;
}

std::vector<std::vector<std::string>> Transformer::transformNodeLabels(P::NodeLabelsContext* ctx) {
    std::vector<std::vector<std::string>> labels;
    if (!ctx) return labels;
    for (auto* alternatives : ctx->labelAlternatives()) {
        std::vector<std::string> anyOf;
        for (auto* name : alternatives->schemaName()) anyOf.push_back(transformSchemaName(name));
        labels.push_back(std::move(anyOf));
    }
    return labels;
}

std::vector<std::string> Transformer::transformPlainLabels(P::NodeLabelsContext* ctx) {
    std::vector<std::string> labels;
    for (auto* alternatives : ctx->labelAlternatives()) {
        if (alternatives->schemaName().size() != 1)
            fail(alternatives->PIPE(0)->getSymbol(), "label alternatives (:A|B) are only allowed in a pattern");
        labels.push_back(transformSchemaName(alternatives->schemaName(0)));
    }
    return labels;
}

ast::ExprPtr Transformer::transformProperties(P::PropertiesContext* ctx) {
    if (ctx->mapLiteral()) return transformMapLiteral(ctx->mapLiteral());
    return transformParameter(ctx->parameter());
}

}  // namespace kgraph::query::parser
