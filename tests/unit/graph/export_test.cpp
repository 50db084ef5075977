#include "graph/export/export.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "graph/graph.hpp"
#include "ingest/csv/csv_import.hpp"
#include "storage/store.hpp"
#include "storage/write_batch.hpp"

namespace kgraph::graph {
namespace {

namespace fs = std::filesystem;
using storage::ElementRef;
using storage::NodeId;
using storage::TokenKind;

std::string repeat(std::string_view s, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
}

// Names that break naive DOT, XML, N-Triples or CSV writers.
const std::string kQuotes = "Say \"hi\"";
const std::string kBackslash = "back\\slash";
const std::string kTrailingBackslash = "trailing\\";
const std::string kEscName = "\\N";  // GraphViz would show the node's id for an unescaped \N
const std::string kEscSequences = "\\G \\l \\r \\E \\T \\H";
const std::string kNewline = "line one\nline two";
const std::string kHtml = "<b>bold</b> & <i>";
const std::string kSplice = "}; n1 -> n2 [";
const std::string kPunctuation = "a -- b | {c} ; ] = x, y";
const std::string kUmlauts = "Müller & Söhne";
const std::string kChinese = "阿里巴巴";
const std::string kEntities = "&amp; &#252;";  // shown literally, not decoded
const std::string kControl = "ctrl\x01" "char\x7f";
const std::string kLong = repeat("ä", 20000);  // 20,000 characters, 40,000 bytes
const std::string kInvalidUtf8 = "bad \xff byte";  // U+FFFD in every format but CSV
const std::string kUrl = "https://example.com/article?id=1&lang=de";
const std::string kSentence = "Baidu investierte \"4,2 Milliarden Yuan\"\nin KI.";

std::vector<std::string> trickyNames() {
    return {kQuotes, kBackslash, kTrailingBackslash, kEscName, kEscSequences, kNewline, kHtml,
            kSplice, kPunctuation, kUmlauts, kChinese, kEntities, kControl, kLong, kInvalidUtf8};
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

size_t countOf(const std::string& text, std::string_view needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
    return n;
}

bool dotInstalled() { return std::system("command -v dot >/dev/null 2>&1") == 0; }

// Runs a shell command; its exit status.
int run(const std::string& command) {
    int rc = std::system(command.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

// The text of every <text> element of an SVG, with XML entities decoded.
std::vector<std::string> svgTexts(const std::string& svg) {
    std::vector<std::string> out;
    for (size_t at = svg.find("<text"); at != std::string::npos; at = svg.find("<text", at + 1)) {
        size_t open = svg.find('>', at);
        size_t close = svg.find("</text>", open);
        std::string raw = svg.substr(open + 1, close - open - 1);
        std::string text;
        for (size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] != '&') {
                text += raw[i];
                continue;
            }
            size_t semi = raw.find(';', i);
            std::string entity = raw.substr(i + 1, semi - i - 1);
            i = semi;
            if (entity == "amp") text += '&';
            else if (entity == "lt") text += '<';
            else if (entity == "gt") text += '>';
            else if (entity == "quot") text += '"';
            else if (entity == "apos") text += '\'';
            else if (entity == "nbsp" || entity == "#160") text += ' ';
            else if (entity[0] == '#') {
                unsigned long cp = entity[1] == 'x' ? std::stoul(entity.substr(2), nullptr, 16)
                                                    : std::stoul(entity.substr(1));
                // Only what these tests need: ASCII and the Latin-1 range.
                if (cp < 0x80) {
                    text += static_cast<char>(cp);
                } else {
                    text += static_cast<char>(0xC0 | (cp >> 6));
                    text += static_cast<char>(0x80 | (cp & 0x3F));
                }
            }
        }
        out.push_back(text);
    }
    return out;
}

// One N-Triples line, checked by hand (std::regex recurses per character and
// overflows the stack on the 40 KB line of the long name):
//   IRI ' ' IRI ' ' (IRI | literal) ' .'
class NtriplesLine {
public:
    explicit NtriplesLine(std::string_view line) : s_(line) {}

    bool valid() {
        if (!iri() || !skip(' ') || !iri() || !skip(' ')) return false;
        if (peek() == '<') {
            if (!iri()) return false;
        } else if (!literal()) {
            return false;
        }
        return s_.substr(i_) == " .";
    }

private:
    char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
    bool skip(char c) {
        if (peek() != c) return false;
        ++i_;
        return true;
    }
    bool iri() {
        if (!skip('<')) return false;
        while (i_ < s_.size() && s_[i_] != '>') {
            auto c = static_cast<unsigned char>(s_[i_]);
            if (c <= 0x20 || std::string_view("<\"{}|^`\\").find(static_cast<char>(c)) != std::string_view::npos)
                return false;
            ++i_;
        }
        return skip('>');
    }
    bool literal() {
        if (!skip('"')) return false;
        while (i_ < s_.size() && s_[i_] != '"') {
            char c = s_[i_];
            if (c == '\n' || c == '\r') return false;
            if (c == '\\') {
                char e = i_ + 1 < s_.size() ? s_[i_ + 1] : '\0';
                if (e == 'u') {
                    if (i_ + 6 > s_.size()) return false;
                    for (size_t k = i_ + 2; k < i_ + 6; ++k)
                        if (!std::isxdigit(static_cast<unsigned char>(s_[k]))) return false;
                    i_ += 6;
                    continue;
                }
                if (std::string_view("tbnrf\"'\\").find(e) == std::string_view::npos || e == '\0') return false;
                i_ += 2;
                continue;
            }
            if (static_cast<unsigned char>(c) < 0x20) return false;
            ++i_;
        }
        if (!skip('"')) return false;
        if (s_.substr(i_, 2) == "^^") {
            i_ += 2;
            return iri();
        }
        return true;
    }

    std::string_view s_;
    size_t i_ = 0;
};

class ExportTest : public testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::path(testing::TempDir()) /
               ("kg-export-" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        auto s = storage::Store::open((dir_ / "db").string());
        ASSERT_TRUE(s.isOk()) << s.status().message();
        store_ = std::move(*s);
        seed();
        load();
    }
    void TearDown() override {
        graph_.reset();
        store_.reset();
        fs::remove_all(dir_);
    }

    void seed() {
        storage::WriteBatch b = store_->beginWrite();
        // Tricky names, as companies so they share one CSV file and its column types.
        for (const auto& name : trickyNames()) ids_[name] = b.createNode({"Company"}, {{"name", name}});
        ai_ = b.createNode({"Topic"}, {{"name", "AI"}, {"aliases", Value::List{"KI", "künstliche Intelligenz"}}});
        person_ = b.createNode({"Person"}, {{"name", "Yang"},
                                            {"id", 42},  // clashes with the JSON id field
                                            {"active", true},
                                            {"scores", Value::List{1, 2, 3}},
                                            {"height", 1.75},
                                            {"ratio", std::numeric_limits<double>::infinity()},
                                            {"nickname", "Y; Y"}});
        odd_ = b.createNode({"Spaß Label", "Topic"}, {{"name", "odd one"}});
        doc_ = b.createNode({"Document"}, {{"title", "Chinas Technologieunternehmen"},
                                           {"url", kUrl},
                                           {"published", "2024-08-28"}});
        auto r1 = b.createRel("INVESTS_IN", ids_[kChinese], ai_,
                              {{"amount", 4.2e9}, {"currency", "CNY"}, {"period", "2024-H1"}});
        auto r2 = b.createRel("INVESTS_IN", ids_[kUmlauts], ai_, {{"share", 0.4261}, {"period", "2024-H1"}});
        auto r3 = b.createRel("PARTNERS_WITH", ids_[kQuotes], ids_[kSplice], {});
        auto r4 = b.createRel("HAS PART/WHOLE", ids_[kEscName], ids_[kTrailingBackslash],
                              {{"weight", std::numeric_limits<double>::quiet_NaN()}});
        auto r5 = b.createRel("LOCATED_IN", ids_[kLong], ids_[kNewline], {});
        auto r6 = b.createRel("MENTIONS", doc_, ids_[kChinese], {});
        auto r7 = b.createRel("WORKS_FOR", person_, ids_[kHtml], {{"role", "analyst \"senior\""}});
        for (auto* r : {&r1, &r2, &r3, &r4, &r5, &r6, &r7}) ASSERT_TRUE(r->isOk()) << r->status().message();
        invests_ = *r1;
        ASSERT_TRUE(b.addEvidence({ElementRef::Kind::REL, invests_}, doc_, 10, 60, kSentence, "invests-de").isOk());
        // A second rule reading the same sentence: one sentence in the tooltip.
        ASSERT_TRUE(b.addEvidence({ElementRef::Kind::REL, invests_}, doc_, 10, 60, kSentence, "invests-amount-de").isOk());
        ASSERT_TRUE(b.addEvidence({ElementRef::Kind::NODE, ids_[kChinese]}, doc_, 0, 8, "Alibaba", "gazetteer").isOk());
        ASSERT_TRUE(b.commit().isOk());
    }

    void load() {
        graph_.reset();
        auto g = Graph::load(*store_);
        ASSERT_TRUE(g.isOk()) << g.status().message();
        graph_ = std::move(*g);
    }

    std::string exportText(ExportFormat format, const Subgraph& sub, bool cluster = false) {
        ExportOptions options;
        options.format = format;
        options.clusterByLabel = cluster;
        std::ostringstream out;
        Status s = writeExport(*graph_, sub, options, out);
        EXPECT_TRUE(s.isOk()) << s.message();
        return out.str();
    }
    std::string exportText(ExportFormat format) { return exportText(format, wholeGraph(*graph_)); }

    // Renders DOT with the real GraphViz; the SVG.
    std::string renderSvg(const std::string& dot) {
        fs::path in = dir_ / "graph.dot", out = dir_ / "graph.svg", err = dir_ / "dot.err";
        std::ofstream(in, std::ios::binary) << dot;
        int rc = run("dot -Tsvg '" + in.string() + "' -o '" + out.string() + "' 2>'" + err.string() + "'");
        EXPECT_EQ(rc, 0) << readFile(err);
        return readFile(out);
    }

    Result<Subgraph> select(std::vector<std::string> labels, std::vector<std::string> types, std::string around,
                            int depth) {
        SubgraphFilter filter;
        filter.labels = std::move(labels);
        filter.types = std::move(types);
        filter.around = std::move(around);
        filter.depth = depth;
        return selectSubgraph(*graph_, filter);
    }
    std::set<std::string> selectedNames(const Subgraph& sub) {
        TokenId name = *store_->findToken(TokenKind::PROPERTY, "name");
        std::set<std::string> out;
        for (VertexIndex v : sub.vertices)
            if (const Value* n = graph_->property(v, name)) out.insert(n->asString());
        return out;
    }

    // Every node and relationship of a store as comparable text, by content
    // rather than id (ids differ after a re-import).
    static std::vector<std::string> facts(const Graph& g) {
        const storage::Store& st = g.store();
        auto nodeFact = [&](VertexIndex v) {
            std::string f = "(";
            std::vector<std::string> labels;
            for (TokenId l : g.labels(v)) labels.push_back(st.tokenName(TokenKind::LABEL, l));
            std::sort(labels.begin(), labels.end());
            for (const auto& l : labels) f += ":" + l;
            std::map<std::string, std::string> props;
            for (const auto& [k, val] : g.properties(v)) props[st.tokenName(TokenKind::PROPERTY, k)] = val.toString();
            for (const auto& [k, val] : props) f += " " + k + "=" + val;
            return f + ")";
        };
        std::vector<std::string> out;
        for (VertexIndex v = 0; v < g.vertexCapacity(); ++v) {
            if (!g.vertexLive(v)) continue;
            out.push_back(nodeFact(v));
            g.forEachOut(v, std::nullopt, [&](EdgeIndex e, VertexIndex o) {
                std::map<std::string, std::string> props;
                for (const auto& [k, val] : g.edgeProperties(e))
                    props[st.tokenName(TokenKind::PROPERTY, k)] = val.toString();
                std::string r = nodeFact(v) + "-[:" + st.tokenName(TokenKind::TYPE, g.type(e));
                for (const auto& [k, val] : props) r += " " + k + "=" + val;
                out.push_back(r + "]->" + nodeFact(o));
                return true;
            });
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    // Imports a CSV export directory into a new store with the arguments of its import.args.
    std::unique_ptr<storage::Store> reimport(const fs::path& exportDir, const fs::path& dbDir) {
        std::ifstream args(exportDir / "import.args");
        std::vector<std::string> lines;
        for (std::string line; std::getline(args, line);) lines.push_back(line);
        ingest::CsvImportOptions options;
        for (size_t i = 0; i + 1 < lines.size(); i += 2) {
            if (lines[i] == "--delimiter") {
                options.delimiter = lines[i + 1][0];
                continue;
            }
            if (lines[i] == "--array-delimiter") {
                options.arrayDelimiter = lines[i + 1][0];
                continue;
            }
            auto group = ingest::CsvInputGroup::parse(lines[i + 1]);
            EXPECT_TRUE(group.isOk());
            (lines[i] == "--nodes" ? options.nodes : options.relationships).push_back(*group);
        }
        auto s = storage::Store::open(dbDir.string());
        EXPECT_TRUE(s.isOk()) << s.status().message();
        auto r = ingest::importCsv(**s, options);
        EXPECT_TRUE(r.isOk()) << r.status().message();
        return std::move(*s);
    }

    // Files in the test directory whose name holds `part`.
    std::vector<std::string> filesNamed(std::string_view part) {
        std::vector<std::string> out;
        for (const auto& entry : fs::directory_iterator(dir_))
            if (entry.path().filename().string().find(part) != std::string::npos)
                out.push_back(entry.path().filename().string());
        return out;
    }

    fs::path dir_;
    std::unique_ptr<storage::Store> store_;
    std::unique_ptr<Graph> graph_;
    std::map<std::string, NodeId> ids_;
    NodeId ai_ = 0, person_ = 0, odd_ = 0, doc_ = 0;
    storage::RelId invests_ = 0;
};

TEST_F(ExportTest, ParseFormat) {
    EXPECT_EQ(*parseExportFormat("dot"), ExportFormat::DOT);
    EXPECT_EQ(*parseExportFormat("graphml"), ExportFormat::GRAPHML);
    EXPECT_EQ(*parseExportFormat("json"), ExportFormat::JSON);
    EXPECT_EQ(*parseExportFormat("csv"), ExportFormat::CSV);
    EXPECT_EQ(*parseExportFormat("nt"), ExportFormat::NTRIPLES);
    auto bad = parseExportFormat("svg");
    ASSERT_FALSE(bad.isOk());
    EXPECT_EQ(bad.status().code(), StatusCode::INVALID_INPUT);
}

TEST_F(ExportTest, WholeGraphHasEveryElement) {
    Subgraph sub = wholeGraph(*graph_);
    EXPECT_EQ(sub.vertices.size(), trickyNames().size() + 4);
    EXPECT_EQ(sub.edges.size(), 7u);
    EXPECT_TRUE(std::is_sorted(sub.vertices.begin(), sub.vertices.end()));
    EXPECT_TRUE(std::is_sorted(sub.edges.begin(), sub.edges.end()));
}

TEST_F(ExportTest, SelectByLabelAndType) {
    auto topics = select({"Topic"}, {}, "", 1);
    ASSERT_TRUE(topics.isOk());
    EXPECT_EQ(selectedNames(*topics), (std::set<std::string>{"AI", "odd one"}));
    EXPECT_TRUE(topics->edges.empty());

    auto unknown = select({"NoSuchLabel"}, {}, "", 1);
    ASSERT_TRUE(unknown.isOk());
    EXPECT_TRUE(unknown->vertices.empty());

    auto invests = select({}, {"INVESTS_IN"}, "", 1);
    ASSERT_TRUE(invests.isOk());
    EXPECT_EQ(invests->vertices.size(), wholeGraph(*graph_).vertices.size());
    ASSERT_EQ(invests->edges.size(), 2u);
    for (EdgeIndex e : invests->edges) EXPECT_EQ(graph_->type(e), *store_->findToken(TokenKind::TYPE, "INVESTS_IN"));

    auto noEdges = select({}, {"NO_SUCH_TYPE"}, "", 1);
    ASSERT_TRUE(noEdges.isOk());
    EXPECT_TRUE(noEdges->edges.empty());

    // Edges need both ends selected.
    auto companies = select({"Company"}, {}, "", 1);
    ASSERT_TRUE(companies.isOk());
    EXPECT_EQ(companies->edges.size(), 3u);  // PARTNERS_WITH, HAS PART/WHOLE, LOCATED_IN
}

TEST_F(ExportTest, SelectAround) {
    auto depth0 = select({}, {}, "AI", 0);
    ASSERT_TRUE(depth0.isOk());
    EXPECT_EQ(selectedNames(*depth0), (std::set<std::string>{"AI"}));

    auto depth1 = select({}, {}, "ai", 1);  // names match as normalised
    ASSERT_TRUE(depth1.isOk());
    EXPECT_EQ(selectedNames(*depth1), (std::set<std::string>{"AI", kChinese, kUmlauts}));
    EXPECT_EQ(depth1->edges.size(), 2u);

    // Both directions: AI <- 阿里巴巴 <- Document.
    auto depth2 = select({}, {}, "KI", 2);  // by alias
    ASSERT_TRUE(depth2.isOk());
    EXPECT_EQ(depth2->vertices.size(), 4u);
    EXPECT_EQ(depth2->edges.size(), 3u);

    // Only hops over the given types.
    auto typed = select({}, {"MENTIONS"}, "AI", 2);
    ASSERT_TRUE(typed.isOk());
    EXPECT_EQ(selectedNames(*typed), (std::set<std::string>{"AI"}));

    auto missing = select({}, {}, "Nobody", 1);
    ASSERT_FALSE(missing.isOk());
    EXPECT_EQ(missing.status().code(), StatusCode::NOT_FOUND);

    auto negative = select({}, {}, "AI", -1);
    EXPECT_FALSE(negative.isOk());
}

TEST_F(ExportTest, DotQuotesEveryString) {
    std::string dot = exportText(ExportFormat::DOT);
    EXPECT_EQ(dot.rfind("digraph kgraph {\n", 0), 0u);
    // Every line is a statement of its own: no name spliced a line break or a statement in.
    size_t lines = static_cast<size_t>(std::count(dot.begin(), dot.end(), '\n'));
    // First labels: Company, Document, Person, Topic ("odd one" is :Topic:Spaß Label, Topic interned first).
    size_t legend = 4;
    EXPECT_EQ(lines, 4 + (legend + 3) + wholeGraph(*graph_).vertices.size() + 7 + 1);
    EXPECT_NE(dot.find("label=\"Say \\\"hi\\\"\""), std::string::npos);
    EXPECT_NE(dot.find("label=\"trailing\\\\\""), std::string::npos);
    EXPECT_NE(dot.find("label=\"\\\\N\""), std::string::npos);
    EXPECT_NE(dot.find("label=\"line one\\nline two\""), std::string::npos);
    EXPECT_NE(dot.find("label=\"Müller &amp; Söhne\""), std::string::npos);
    EXPECT_NE(dot.find("label=\"ctrlchar\""), std::string::npos);
    EXPECT_NE(dot.find("label=\"阿里巴巴\""), std::string::npos);
    // The long name: cut to 16,000 bytes on a character boundary, with an ellipsis.
    EXPECT_NE(dot.find("label=\"" + repeat("ä", 7998) + "\u2026\""), std::string::npos);
    // Edge labels: money, period, share.
    EXPECT_NE(dot.find("label=\"INVESTS_IN\\n4.2 bn CNY\\n2024-H1\""), std::string::npos);
    EXPECT_NE(dot.find("label=\"INVESTS_IN\\n2024-H1\\n42.61%\""), std::string::npos);
    // Evidence as tooltip, its document's url as URL.
    EXPECT_EQ(countOf(dot, "investierte \\\"4,2 Milliarden Yuan\\\"\\nin KI."), 1u);  // two records, one sentence
    EXPECT_NE(dot.find("URL=\"https://example.com/article?id=1&amp;lang=de\""), std::string::npos);
}

TEST_F(ExportTest, DotRendersWithGraphviz) {
    if (!dotInstalled()) GTEST_SKIP() << "GraphViz dot is not installed";
    for (bool cluster : {false, true}) {
        SCOPED_TRACE(cluster ? "clustered" : "plain");
        std::string svg = renderSvg(exportText(ExportFormat::DOT, wholeGraph(*graph_), cluster));
        // One SVG node per vertex, plus one per legend entry.
        EXPECT_EQ(countOf(svg, "class=\"node\""), wholeGraph(*graph_).vertices.size() + 4);
        EXPECT_EQ(countOf(svg, "class=\"edge\""), 7u);
        EXPECT_EQ(countOf(svg, "class=\"cluster\""), cluster ? 1u + 4u : 1u);
        std::vector<std::string> texts = svgTexts(svg);
        auto shown = [&](const std::string& s) { return std::find(texts.begin(), texts.end(), s) != texts.end(); };
        // GraphViz shows each name exactly as it is.
        for (const auto& name : {kQuotes, kBackslash, kTrailingBackslash, kEscName, kEscSequences, kHtml, kSplice,
                                 kPunctuation, kUmlauts, kChinese, kEntities})
            EXPECT_TRUE(shown(name)) << name;
        EXPECT_TRUE(shown("line one"));
        EXPECT_TRUE(shown("line two"));
        EXPECT_TRUE(shown("ctrlchar"));
        EXPECT_TRUE(shown(repeat("ä", 7998) + "\u2026"));
        EXPECT_TRUE(shown("4.2 bn CNY"));
        EXPECT_TRUE(svg.find("M&#252;ller") != std::string::npos || svg.find("Müller") != std::string::npos);
        EXPECT_NE(svg.find("阿里巴巴"), std::string::npos);
        EXPECT_NE(svg.find("xlink:href=\"https://example.com/article?id=1&amp;lang=de\""), std::string::npos);
    }
}

TEST_F(ExportTest, DotOfNothingIsAnEmptyGraph) {
    std::string dot = exportText(ExportFormat::DOT, Subgraph{});
    EXPECT_EQ(dot.find("cluster_legend"), std::string::npos);
    if (!dotInstalled()) GTEST_SKIP() << "GraphViz dot is not installed";
    EXPECT_EQ(countOf(renderSvg(dot), "class=\"node\""), 0u);
}

TEST_F(ExportTest, GraphmlIsEscapedAndTyped) {
    std::string xml = exportText(ExportFormat::GRAPHML);
    EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"",
                        0),
              0u);
    EXPECT_EQ(countOf(xml, "<node "), wholeGraph(*graph_).vertices.size());
    EXPECT_EQ(countOf(xml, "<edge "), 7u);
    EXPECT_NE(xml.find("<graph id=\"kgraph\" edgedefault=\"directed\">"), std::string::npos);
    EXPECT_NE(xml.find("attr.name=\"scores\" attr.type=\"string\""), std::string::npos);  // a list: JSON text
    EXPECT_NE(xml.find("attr.name=\"active\" attr.type=\"boolean\""), std::string::npos);
    EXPECT_NE(xml.find("for=\"node\" attr.name=\"id\" attr.type=\"long\""), std::string::npos);
    EXPECT_NE(xml.find("attr.name=\"amount\" attr.type=\"double\""), std::string::npos);
    EXPECT_NE(xml.find(">NaN</data>"), std::string::npos);
    EXPECT_NE(xml.find(">Say &quot;hi&quot;</data>"), std::string::npos);
    EXPECT_NE(xml.find(">Müller &amp; Söhne</data>"), std::string::npos);
    EXPECT_NE(xml.find(">&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;</data>"), std::string::npos);
    EXPECT_NE(xml.find(">line one&#10;line two</data>"), std::string::npos);
    EXPECT_NE(xml.find(">Document</data>"), std::string::npos);
    EXPECT_NE(xml.find(">Topic:Spaß Label</data>"), std::string::npos);
    EXPECT_NE(xml.find("<edge id=\"e" + std::to_string(invests_) + "\" source=\"n" + std::to_string(ids_[kChinese]) +
                       "\" target=\"n" + std::to_string(ai_) + "\">"),
              std::string::npos);
    // XML 1.0 forbids most control characters, even as references.
    EXPECT_EQ(xml.find('\x01'), std::string::npos);
    EXPECT_NE(xml.find(">ctrlchar\x7f</data>"), std::string::npos);  // DEL is allowed
    // Every data element refers to a declared key.
    for (size_t at = xml.find("<data key=\""); at != std::string::npos; at = xml.find("<data key=\"", at + 1)) {
        size_t start = at + 11;
        std::string key = xml.substr(start, xml.find('"', start) - start);
        EXPECT_NE(xml.find("<key id=\"" + key + "\""), std::string::npos) << key;
    }
}

TEST_F(ExportTest, JsonIsCytoscapeElements) {
    std::string text = exportText(ExportFormat::JSON);
    EXPECT_NE(text.find("\"amount\":4200000000.0"), std::string::npos);  // a float stays a float
    auto j = nlohmann::json::parse(text);
    const auto& nodes = j.at("elements").at("nodes");
    const auto& edges = j.at("elements").at("edges");
    ASSERT_EQ(nodes.size(), wholeGraph(*graph_).vertices.size());
    ASSERT_EQ(edges.size(), 7u);
    std::set<std::string> names;
    for (const auto& n : nodes) {
        if (n["data"].contains("name")) names.insert(n["data"]["name"].get<std::string>());
        EXPECT_EQ(n["data"]["id"].get<std::string>()[0], 'n');
    }
    // Exactly, control characters too; ill-formed UTF-8 replaced.
    for (const auto& name : trickyNames())
        EXPECT_TRUE(names.count(name == kInvalidUtf8 ? "bad \uFFFD byte" : name)) << name;
    for (const auto& n : nodes) {
        const auto& d = n["data"];
        if (d["id"] != "n" + std::to_string(person_)) continue;
        EXPECT_EQ(d["labels"], nlohmann::json::array({"Person"}));
        EXPECT_EQ(d["property:id"], 42);  // not the element id
        EXPECT_EQ(d["scores"], nlohmann::json::array({1, 2, 3}));
        EXPECT_EQ(d["active"], true);
        EXPECT_DOUBLE_EQ(d["height"].get<double>(), 1.75);
        EXPECT_TRUE(d["ratio"].is_null());  // infinity is no JSON number
    }
    bool sawNan = false;
    for (const auto& e : edges) {
        const auto& d = e["data"];
        EXPECT_TRUE(d.contains("source") && d.contains("target") && d.contains("type"));
        if (d["type"] == "HAS PART/WHOLE") {
            sawNan = true;
            EXPECT_TRUE(d["weight"].is_null());  // NaN is no JSON number
        }
        if (d["id"] == "e" + std::to_string(invests_)) {
            EXPECT_EQ(d["source"], "n" + std::to_string(ids_[kChinese]));
            EXPECT_DOUBLE_EQ(d["amount"].get<double>(), 4.2e9);
        }
    }
    EXPECT_TRUE(sawNan);
}

TEST_F(ExportTest, NtriplesLinesAreWellFormed) {
    std::string nt = exportText(ExportFormat::NTRIPLES);
    std::istringstream in(nt);
    size_t lines = 0;
    for (std::string line; std::getline(in, line); ++lines)
        EXPECT_TRUE(NtriplesLine(line).valid()) << line.substr(0, 200);
    EXPECT_GT(lines, 30u);
    const std::string base = "https://kgraph.local/";
    std::string yang = "<" + base + "Person/" + std::to_string(person_) + ">";
    EXPECT_NE(nt.find(yang + " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <" + base + "class/Person> .\n"),
              std::string::npos);
    EXPECT_NE(nt.find(yang + " <" + base + "prop/scores> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"),
              std::string::npos);
    EXPECT_NE(nt.find(yang + " <" + base + "prop/active> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n"),
              std::string::npos);
    EXPECT_NE(nt.find(yang + " <" + base + "prop/height> \"1.75\"^^<http://www.w3.org/2001/XMLSchema#double> .\n"),
              std::string::npos);
    EXPECT_NE(nt.find(" <" + base + "rel/HAS%20PART%2FWHOLE> "), std::string::npos);
    EXPECT_NE(nt.find("<" + base + "class/Spaß%20Label>"), std::string::npos);
    EXPECT_NE(nt.find("\"Say \\\"hi\\\"\" .\n"), std::string::npos);
    EXPECT_NE(nt.find("\"trailing\\\\\" .\n"), std::string::npos);
    EXPECT_NE(nt.find("\"line one\\nline two\" .\n"), std::string::npos);
    EXPECT_NE(nt.find("\"ctrl\\u0001char\\u007F\" .\n"), std::string::npos);
    EXPECT_NE(nt.find("\"INF\"^^<http://www.w3.org/2001/XMLSchema#double>"), std::string::npos);

    ExportOptions bad;
    bad.format = ExportFormat::NTRIPLES;
    bad.iriBase = "not an iri";
    std::ostringstream out;
    EXPECT_EQ(writeExport(*graph_, wholeGraph(*graph_), bad, out).code(), StatusCode::INVALID_INPUT);
}

TEST_F(ExportTest, CsvRoundTripsThroughImport) {
    std::optional<Subgraph> sub = wholeGraph(*graph_);
    ExportOptions options;
    options.format = ExportFormat::CSV;
    fs::path out = dir_ / "csv";
    Status s = exportToPath(*graph_, *sub, options, out.string());
    ASSERT_TRUE(s.isOk()) << s.message();
    EXPECT_TRUE(fs::exists(out / "import.args"));
    EXPECT_TRUE(fs::exists(out / "rels_HAS_PART_WHOLE.csv"));
    std::string nodes = readFile(out / "nodes_1.csv");
    EXPECT_EQ(nodes.rfind(":ID,:LABEL,name:string\n", 0), 0u);
    EXPECT_NE(nodes.find(",Company,\"Say \"\"hi\"\"\"\n"), std::string::npos);
    EXPECT_NE(nodes.find(",Company,\"line one\nline two\"\n"), std::string::npos);

    auto copy = reimport(out, dir_ / "copy.db");
    ASSERT_TRUE(copy);
    auto g2 = Graph::load(*copy);
    ASSERT_TRUE(g2.isOk());
    EXPECT_EQ((*g2)->vertexCount(), sub->vertices.size());
    EXPECT_EQ((*g2)->edgeCount(), sub->edges.size());

    // The same nodes and relationships with the same labels, types and property values.
    EXPECT_EQ(facts(**g2), facts(*graph_));
}

TEST_F(ExportTest, CsvTypesColumnsAndFallsBackToString) {
    storage::WriteBatch b = store_->beginWrite();
    b.createNode({"Thing"}, {{"name", "a"}, {"size", 1}, {"tags", Value::List{"x", "y"}}, {"nums", Value::List{1, 2}}});
    b.createNode({"Thing"}, {{"name", "b"}, {"size", "large"}, {"tags", Value::List{}}, {"nums", Value::List{1.5}}});
    b.createNode({"Thing"}, {{"name", "c"}, {"flag", false}, {"mixed", Value::List{1, "one"}}});
    ASSERT_TRUE(b.commit().isOk());
    load();
    auto sub = select({"Thing"}, {}, "", 1);
    ASSERT_TRUE(sub.isOk());
    ExportOptions options;
    options.format = ExportFormat::CSV;
    ASSERT_TRUE(exportToPath(*graph_, *sub, options, (dir_ / "csv").string()).isOk());
    std::string text = readFile(dir_ / "csv" / "nodes_1.csv");
    EXPECT_EQ(text.substr(0, text.find('\n')),
              ":ID,:LABEL,flag:boolean,mixed:string,name:string,nums:string,size:string,tags:string[]");
    EXPECT_NE(text.find(",Thing,,,a,\"[1,2]\",1,x;y\n"), std::string::npos);
    EXPECT_NE(text.find(",Thing,,,b,[1.5],large,\n"), std::string::npos);
    EXPECT_NE(text.find(",Thing,false,\"[1,\"\"one\"\"]\",c,,,\n"), std::string::npos);
}

TEST_F(ExportTest, CsvRefusesAnItemHoldingTheArrayDelimiter) {
    storage::WriteBatch b = store_->beginWrite();
    NodeId bad = b.createNode({"Company"}, {{"name", "bad"}, {"aliases", Value::List{"fine", "not; fine"}}});
    ASSERT_TRUE(b.commit().isOk());
    load();
    ExportOptions options;
    options.format = ExportFormat::CSV;
    Status s = exportToPath(*graph_, wholeGraph(*graph_), options, (dir_ / "csv").string());
    ASSERT_EQ(s.code(), StatusCode::INVALID_INPUT);
    EXPECT_NE(s.message().find("node " + std::to_string(bad)), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("'not; fine'"), std::string::npos) << s.message();
    // Nothing written: neither the directory nor its temporary.
    EXPECT_FALSE(fs::exists(dir_ / "csv"));
    EXPECT_TRUE(filesNamed(".tmp-").empty());
}

TEST_F(ExportTest, CsvRefusesAnExistingPath) {
    fs::create_directories(dir_ / "csv");
    ExportOptions options;
    options.format = ExportFormat::CSV;
    Status s = exportToPath(*graph_, wholeGraph(*graph_), options, (dir_ / "csv").string());
    EXPECT_EQ(s.code(), StatusCode::INVALID_INPUT);
    EXPECT_NE(s.message().find("exists"), std::string::npos);
    EXPECT_TRUE(fs::is_empty(dir_ / "csv"));
}

TEST_F(ExportTest, CsvIsNoStream) {
    ExportOptions options;
    options.format = ExportFormat::CSV;
    std::ostringstream out;
    EXPECT_EQ(writeExport(*graph_, wholeGraph(*graph_), options, out).code(), StatusCode::INVALID_INPUT);
}

TEST_F(ExportTest, FilesAreWrittenAtomically) {
    ExportOptions options;
    options.format = ExportFormat::GRAPHML;
    fs::path file = dir_ / "graph.graphml";
    ASSERT_TRUE(exportToPath(*graph_, wholeGraph(*graph_), options, file.string()).isOk());
    EXPECT_EQ(readFile(file), exportText(ExportFormat::GRAPHML));

    // A directory that does not exist: an I/O error, and no file anywhere.
    Status s = exportToPath(*graph_, wholeGraph(*graph_), options, (dir_ / "missing" / "g.graphml").string());
    EXPECT_EQ(s.code(), StatusCode::IO_ERROR);
    EXPECT_FALSE(fs::exists(dir_ / "missing"));

    // A writer that fails halfway (a bad IRI base) leaves the old file and no temporary.
    options.format = ExportFormat::NTRIPLES;
    options.iriBase = "no iri";
    s = exportToPath(*graph_, wholeGraph(*graph_), options, file.string());
    EXPECT_EQ(s.code(), StatusCode::INVALID_INPUT);
    EXPECT_EQ(readFile(file), exportText(ExportFormat::GRAPHML));

    // The rename fails when the target is a directory: the temporary goes too.
    fs::create_directories(dir_ / "taken" / "inside");
    options.format = ExportFormat::DOT;
    s = exportToPath(*graph_, wholeGraph(*graph_), options, (dir_ / "taken").string());
    EXPECT_EQ(s.code(), StatusCode::IO_ERROR);
    EXPECT_TRUE(filesNamed(".tmp-").empty());
}

}  // namespace
}  // namespace kgraph::graph
