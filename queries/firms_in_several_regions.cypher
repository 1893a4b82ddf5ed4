// name: firms_in_several_regions
// description: Firms present in several regions of one level (Province, City, District or Town), directly or through the bases they sit in.
// param: level (string) the level to count at: Province, City, District or Town, example: City
// param: min_regions (int) the fewest regions a firm must be in, example: 2
// returns: firm_id, firm, regions, region_names
MATCH (f:Firm)-[:LOCATED_IN]->()-[:LOCATED_IN*0..1]->(:Region)-[:PART_OF*0..]->(r:Region)
WHERE r.level = $level
WITH DISTINCT f, r ORDER BY r.name
WITH f, collect(r.name) AS region_names
WHERE size(region_names) >= $min_regions
RETURN f.id AS firm_id, f.name AS firm, size(region_names) AS regions, region_names
ORDER BY regions DESC, firm
