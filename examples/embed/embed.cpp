// Embedding kgraph in C++ (docs/api.md): build a graph from articles, query
// it with parameters, and write a GraphViz DOT file of one company's
// neighbourhood.
//
//   embed --db kg.db --dot hanbit.dot ARTICLE...
#include <kgraph/kgraph.hpp>

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::string dbPath = "kg.db", dotPath = "graph.dot";
    std::vector<std::string> articles;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--db" && i + 1 < argc) dbPath = argv[++i];
        else if (arg == "--dot" && i + 1 < argc) dotPath = argv[++i];
        else articles.push_back(arg);
    }

    auto db = kgraph::Database::open(dbPath);
    if (!db) {
        std::cerr << "error: " << db.status().message() << "\n";
        return db.status().exitCode();
    }

    // Each article is one atomic write; building the same file again changes nothing.
    auto built = (*db)->build(articles);
    if (!built) {
        std::cerr << "error: " << built.status().message() << "\n";
        return built.status().exitCode();
    }
    std::cout << "built " << built->added << " new, " << built->unchanged << " unchanged, " << built->failed
              << " failed\n";

    // Who supplies Hanbit, or is supplied by it? A parameter, and nodes in the rows.
    kgraph::Connection connection(**db);
    kgraph::QueryError error;
    auto result = connection.query(
        "MATCH (a:Company)-[r:SUPPLIES]->(b:Company) WHERE a.name = $name OR b.name = $name "
        "RETURN a, type(r) AS relation, b ORDER BY a.name, b.name",
        {{"name", "Hanbit"}}, &error);
    if (!result) {
        std::cerr << "error: " << result.status().message() << "\n";
        return result.status().exitCode();
    }
    for (const auto& row : result->rows) {
        const kgraph::NodeData* from = result->node(row[0].asNode());
        const kgraph::NodeData* to = result->node(row[2].asNode());
        std::cout << from->properties.at("name").asString() << " " << row[1].asString() << " "
                  << to->properties.at("name").asString() << "\n";
    }

    // Everything within two hops of Hanbit, as a GraphViz file.
    kgraph::ExportRequest request;
    request.format = "dot";
    request.path = dotPath;
    request.around = "Hanbit";
    request.depth = 2;
    auto exported = (*db)->exportGraph(request, nullptr);
    if (!exported) {
        std::cerr << "error: " << exported.status().message() << "\n";
        return exported.status().exitCode();
    }
    std::cout << "wrote " << dotPath << ": " << exported->nodes << " nodes, " << exported->relationships
              << " relationships\n";
    return 0;
}
