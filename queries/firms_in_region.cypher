// name: firms_in_region
// description: Firms located in a region or in any region inside it (PART_OF, any depth), directly or through a base they sit in.
// param: region (string) the region's id, example: region:440300
// returns: firm_id, firm, segments, places (the regions and bases inside the region where the firm sits)
MATCH (sub:Region)-[:PART_OF*0..]->(:Region {id: $region})
MATCH (f:Firm)-[:LOCATED_IN]->(place)-[:LOCATED_IN*0..1]->(sub)
WITH DISTINCT f, place
ORDER BY place.name
RETURN f.id AS firm_id, f.name AS firm, f.segments AS segments, collect(place.name) AS places
ORDER BY firm
