// name: regions_compared
// description: Regions side by side, each with the regions inside it: how many firms, bases, policies and funds, the largest policy ceiling and the largest single support given.
// param: regions (list) region ids, comma-separated, example: region:440300,region:440100
// returns: region, firms, bases, policies, funds, largest_policy_ceiling_cny, largest_support_cny
UNWIND $regions AS region_id
MATCH (r:Region {id: region_id})
CALL (r) {
  MATCH (sub:Region)-[:PART_OF*0..]->(r)
  MATCH (f:Firm)-[:LOCATED_IN]->()-[:LOCATED_IN*0..1]->(sub)
  RETURN count(DISTINCT f) AS firms
}
CALL (r) {
  MATCH (sub:Region)-[:PART_OF*0..]->(r)
  MATCH (b:Base)-[:LOCATED_IN]->(sub)
  RETURN count(DISTINCT b) AS bases
}
CALL (r) {
  MATCH (sub:Region)-[:PART_OF*0..]->(r)
  MATCH (x:Policy|Fund)<-[:ISSUED|ESTABLISHED]-(:Entity)-[:LOCATED_IN*0..1]->(sub)
  WITH DISTINCT x
  OPTIONAL MATCH (x)-[s:SUPPORTS]->()
  RETURN count(DISTINCT CASE WHEN x:Policy THEN x END) AS policies,
         count(DISTINCT CASE WHEN x:Fund THEN x END) AS funds,
         max(x.max_support_cny) AS largest_policy_ceiling_cny,
         max(s.amount_cny) AS largest_support_cny
}
RETURN r.name AS region, firms, bases, policies, funds, largest_policy_ceiling_cny, largest_support_cny
ORDER BY firms DESC, region
