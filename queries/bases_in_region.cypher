// name: bases_in_region
// description: The production bases in a region and the regions inside it, with who operates them, the firms located in them, and the support they received.
// param: region (string) the region's id, example: region:440000
// returns: base_id, base, located_in, studios, operators, resident_firms, support_cny
MATCH (sub:Region)-[:PART_OF*0..]->(:Region {id: $region})
MATCH (b:Base)-[:LOCATED_IN]->(sub)
OPTIONAL MATCH (op:Entity)-[:OPERATES]->(b)
WITH b, sub, op ORDER BY op.name
WITH b, sub, collect(DISTINCT op.name) AS operators
OPTIONAL MATCH (f:Firm)-[:LOCATED_IN]->(b)
WITH b, sub, operators, f ORDER BY f.name
WITH b, sub, operators, collect(DISTINCT f.name) AS resident_firms
OPTIONAL MATCH (:Entity)-[s:SUPPORTS]->(b)
RETURN b.id AS base_id, b.name AS base, sub.name AS located_in, b.studios AS studios,
       operators, resident_firms, sum(s.amount_cny) AS support_cny
ORDER BY base
