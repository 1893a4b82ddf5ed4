// name: most_connected_firms
// description: The firms with the most relationships to other entities (articles' mentions not counted), with how many distinct neighbours and partners, and which kinds of link.
// param: limit (int) how many firms, example: 3
// returns: firm_id, firm, links, neighbours, partners, relationship_types
MATCH (f:Firm)
WITH f,
     COUNT { (f)-[]-(:Entity) } AS links,
     COUNT { MATCH (f)-[]-(o:Entity) RETURN DISTINCT o } AS neighbours,
     COUNT { (f)-[:PARTNERS_WITH]-(:Entity) } AS partners,
     COLLECT { MATCH (f)-[r]-(:Entity) RETURN DISTINCT type(r) AS t ORDER BY t } AS relationship_types
WHERE links > 0
RETURN f.id AS firm_id, f.name AS firm, links, neighbours, partners, relationship_types
ORDER BY links DESC, firm
LIMIT $limit
