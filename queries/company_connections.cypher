// name: company_connections
// description: What an entity (usually a firm) is connected to, through which relationship, since when, and the sentences that say so.
// param: id (string) the entity's id, example: firm:深圳市甲乙科技有限公司
// returns: relationship, direction, other_id, other_name, other_label, first_seen, last_seen, confidence, sentences, articles
MATCH (c:Entity {id: $id})-[r]-(o:Entity)
RETURN type(r) AS relationship,
       CASE WHEN startNode(r) = c THEN 'out' ELSE 'in' END AS direction,
       o.id AS other_id, o.name AS other_name,
       [l IN labels(o) WHERE l <> 'Entity'][0] AS other_label,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.confidence AS confidence,
       r.evidence AS sentences, r.evidence_articles AS articles
ORDER BY relationship, other_name
