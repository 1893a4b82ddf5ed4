// name: company_connections
// description: What an entity (usually a firm) is connected to, through which relationship, since when, and the sentences and articles that say so.
// param: id (string) the entity's id, example: firm:深圳市星河影视有限公司
// returns: relationship, direction (out, in, or both for PARTNERS_WITH, which has none), other_id, other_name, other_label, first_seen, last_seen, confidence, sentences, articles (outlet, date: title of the articles that state it)
MATCH (c:Entity {id: $id})-[r]-(o:Entity)
RETURN type(r) AS relationship,
       CASE WHEN type(r) = 'PARTNERS_WITH' THEN 'both' WHEN startNode(r) = c THEN 'out' ELSE 'in' END AS direction,
       o.id AS other_id, o.name AS other_name,
       [l IN labels(o) WHERE NOT l IN ['Entity', 'Province', 'City', 'District', 'Town']][0] AS other_label,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.confidence AS confidence,
       r.evidence AS sentences,
       COLLECT { MATCH (a:Article) WHERE a.id IN r.evidence_articles
                 RETURN a.source + ', ' + left(coalesce(a.published_at, ''), 10) + ': ' + a.title AS article
                 ORDER BY article } AS articles
ORDER BY relationship, other_name
