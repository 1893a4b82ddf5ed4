// name: support_ranked
// description: Support with a stated amount, largest first: which policy or fund gives how much to whom, and the sentences that say so.
// param: min_amount (float) the smallest amount to list, in yuan, example: 1000000
// param: limit (int) how many rows at most, example: 10
// returns: giver, giver_label, recipient, recipient_label, amount_cny, first_seen, sentences
MATCH (g:Entity)-[s:SUPPORTS]->(t:Entity)
WHERE s.amount_cny >= $min_amount
RETURN g.name AS giver, [l IN labels(g) WHERE l <> 'Entity'][0] AS giver_label,
       t.name AS recipient,
       [l IN labels(t) WHERE NOT l IN ['Entity', 'Province', 'City', 'District', 'Town']][0] AS recipient_label,
       s.amount_cny AS amount_cny, s.first_seen AS first_seen, s.evidence AS sentences
ORDER BY amount_cny DESC, giver, recipient
LIMIT $limit
