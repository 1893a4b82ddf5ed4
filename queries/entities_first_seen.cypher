// name: entities_first_seen
// description: Entities that first appeared in the news in a period (both dates included), oldest first.
// param: from (date) first day of the period, example: 2025-01-01
// param: to (date) last day of the period, example: 2025-03-31
// returns: first_seen, label, id, name, articles
MATCH (n:Entity)
WHERE $from <= n.first_seen <= $to
RETURN n.first_seen AS first_seen,
       [l IN labels(n) WHERE NOT l IN ['Entity', 'Province', 'City', 'District', 'Town']][0] AS label,
       n.id AS id, n.name AS name, size(n.sources) AS articles
ORDER BY first_seen, label, name
