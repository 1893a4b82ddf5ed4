// name: confirmed_relationships
// description: Relationships a researcher confirmed (an active confirm correction), with who, when and why, and the sentences behind them.
// param: min_sentences (int) the fewest evidence sentences a relationship needs, example: 1
// returns: type, from, to, confirmed_by, confirmed_at, why, correction_id, sentences
MATCH (c:Correction {kind: 'confirm', active: true})
MATCH (a:Entity)-[r]->(b:Entity) WHERE r.id = c.target
WITH c, a, r, b WHERE size(r.evidence) >= $min_sentences
RETURN type(r) AS type, a.name AS from, b.name AS to, c.who AS confirmed_by, c.at AS confirmed_at,
       c.why AS why, c.id AS correction_id, r.evidence AS sentences
ORDER BY confirmed_at, correction_id
