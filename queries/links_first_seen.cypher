// name: links_first_seen
// description: Relationships first reported in a period (both dates included): who started to partner, settle, support or join whom, with the sentences.
// param: from (date) first day of the period, example: 2025-05-01
// param: to (date) last day of the period, example: 2025-05-31
// returns: first_seen, source, relationship, target, sentences
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $from <= r.first_seen <= $to
RETURN r.first_seen AS first_seen, a.name AS source, type(r) AS relationship, b.name AS target,
       r.evidence AS sentences
ORDER BY first_seen, relationship, source, target
