// Questions an analyst asks of the sample corpus (examples/articles/), built by `make demo`:
//   kg build --db build/demo.db --rules examples/rules.json examples/articles
//   kg query --db build/demo.db -f examples/queries/sample-corpus.cypher

// Who invests in what, and how much, largest first? (Amounts in their own currency.)
MATCH (c)-[i:INVESTS_IN]->(t)
WHERE i.amount IS NOT NULL
RETURN c.name AS investor, t.name AS target, i.amount AS amount, i.currency AS currency, i.period AS period
ORDER BY amount DESC LIMIT 8;

// Which policies reach furthest, and who imposes them?
MATCH (p:Policy)-[:TARGETS]->(t)
WITH p, count(DISTINCT t) AS targets
MATCH (issuer)-[:IMPOSES]->(p)
RETURN p.name AS policy, collect(issuer.name) AS imposedBy, targets
ORDER BY targets DESC, policy LIMIT 5;

// Which companies do US export controls name?
MATCH (:Policy {name: 'US export controls'})-[:TARGETS]->(c:Company)
RETURN c.name AS company ORDER BY company;

// Hanbit's supply chain: its suppliers, and its customers.
MATCH (s)-[:SUPPLIES]->(c)
WHERE s.name = 'Hanbit' OR c.name = 'Hanbit'
RETURN s.name AS supplier, c.name AS customer ORDER BY supplier, customer;

// The evidence for one fact: the sentences that state it, and where.
MATCH (:Company {name: 'Stratavolt'})-[i:INVESTS_IN]->(:Company {name: 'Hanbit'})
UNWIND evidence(i) AS e
RETURN e.doc AS document, e.published AS published, e.sentence AS sentence;

// Which companies sit at the centre of the investment, supply and ownership graph?
CALL algo.pagerank({types: ['INVESTS_IN', 'SUPPLIES', 'SUBSIDIARY_OF']}) YIELD node, score
RETURN node.name AS name, round(score * 1000) / 1000 AS score
ORDER BY score DESC LIMIT 5;
