// name: industry_chain
// description: The industry chain of a region and the regions inside it: for each segment, in chain order (IP and scripts first), the firms in it.
// param: region (string) the region's id, example: region:440000
// returns: segment, firms, names
MATCH (sub:Region)-[:PART_OF*0..]->(:Region {id: $region})
MATCH (f:Firm)-[:LOCATED_IN]->()-[:LOCATED_IN*0..1]->(sub)
WITH DISTINCT f
UNWIND f.segments AS segment
WITH segment, f ORDER BY f.name
WITH segment, count(f) AS firms, collect(f.name) AS names,
     ['ip_script', 'production', 'post_production', 'platform', 'marketing', 'overseas', 'technology',
      'data_services', 'talent', 'copyright', 'bases_services'] AS chain
RETURN segment, firms, names
ORDER BY coalesce([i IN range(0, size(chain) - 1) WHERE chain[i] = segment][0], size(chain)), segment
