// name: region_policies_funds
// description: The policies and funds of a region and the regions inside it, oldest first: issued or set up by the region itself or by a body located there, with the support they gave.
// param: region (string) the region's id, example: region:440300
// returns: date, kind, name, issuer, amount_cny (a policy's largest support, a fund's size), recipients, support_given_cny
MATCH (sub:Region)-[:PART_OF*0..]->(:Region {id: $region})
MATCH (x:Policy|Fund)<-[r:ISSUED|ESTABLISHED]-(issuer:Entity)-[:LOCATED_IN*0..1]->(sub)
WITH DISTINCT x, r, issuer
OPTIONAL MATCH (x)-[s:SUPPORTS]->(recipient:Entity)
RETURN coalesce(x.issued, r.date, r.first_seen) AS date,
       CASE WHEN x:Policy THEN 'Policy' ELSE 'Fund' END AS kind,
       x.name AS name, issuer.name AS issuer,
       coalesce(x.max_support_cny, x.amount_cny) AS amount_cny,
       count(recipient) AS recipients, sum(s.amount_cny) AS support_given_cny
ORDER BY date, name
