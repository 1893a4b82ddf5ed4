// name: shortest_path
// description: The shortest chain of relationships between two entities (articles left out), with the evidence of every hop.
// param: from (string) id of the first entity, example: firm:广州市剧本工坊有限公司
// param: to (string) id of the second entity, example: association:深圳市微短剧产业协会
// returns: hop, from_name, relationship, to_name, sentences
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE all(n IN nodes(p) WHERE n:Entity)
UNWIND range(0, length(p) - 1) AS hop
WITH hop, nodes(p)[hop] AS x, relationships(p)[hop] AS r, nodes(p)[hop + 1] AS y
RETURN hop, x.name AS from_name, type(r) AS relationship, y.name AS to_name, r.evidence AS sentences
ORDER BY hop
