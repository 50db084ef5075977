// Questions an analyst asks of the founding article's graph (examples/graph/).
// Run them: kg query --db build/founding.db -f examples/queries/founding-article.cypher (make demo imports it there)

// Who invests how much in AI, largest first?
MATCH (c:Company)-[i:INVESTS_IN]->(:Topic {name: 'AI'})
RETURN c.name AS company, i.amount AS amount, i.currency AS currency, i.period AS period
ORDER BY amount DESC;

// Which policies target China, and who imposes them?
MATCH (country)-[:IMPOSES]->(p:Policy)-[:TARGETS]->(:Country {name: 'China'})
RETURN country.name AS imposedBy, p.name AS policy;

// Everything within two hops of Alibaba, with the kinds of links on the way.
MATCH path = (:Company {name: 'Alibaba'})-[*1..2]-(n)
RETURN n.name AS name, labels(n) AS labels, [r IN relationships(path) | type(r)] AS via
ORDER BY name;

// Which companies matter most in the investment graph?
CALL algo.pagerank({types: ['INVESTS_IN', 'DEVELOPS', 'SUBSIDIARY_OF']}) YIELD node, score
RETURN node.name AS name, round(score * 1000) / 1000 AS score
ORDER BY score DESC LIMIT 5;
