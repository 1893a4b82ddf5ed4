// name: events_in_region
// description: Events held in a region and the regions inside it (directly or at a base there), by date, with their hosts.
// param: region (string) the region's id, example: region:440000
// returns: date, event, place, hosts
MATCH (sub:Region)-[:PART_OF*0..]->(:Region {id: $region})
MATCH (e:Event)-[:LOCATED_IN]->(place)-[:LOCATED_IN*0..1]->(sub)
WITH DISTINCT e, place
OPTIONAL MATCH (host:Entity)-[:HOSTED]->(e)
WITH e, place, host ORDER BY host.name
RETURN coalesce(e.date, e.first_seen) AS date, e.name AS event, place.name AS place, collect(host.name) AS hosts
ORDER BY date, event
