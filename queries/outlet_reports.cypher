// name: outlet_reports
// description: What one outlet reported, oldest first: its articles and reprints, the entities each names, and how many relationships each is evidence for.
// param: outlet (string) the outlet's name as in the articles' source, example: 南方日报
// returns: published_at, title, copy (original or reprint), url, entities, relationships
MATCH (a:Article)
WHERE a.source = $outlet OR $outlet IN coalesce(a.reprint_sources, [])
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
WITH a, e ORDER BY e.name
WITH a, collect(e.name) AS entities
RETURN a.published_at AS published_at, a.title AS title,
       CASE WHEN a.source = $outlet THEN 'original' ELSE 'reprint' END AS copy,
       a.url AS url, entities,
       COUNT { MATCH (a)-[:MENTIONS]->(:Entity)-[r]->(:Entity) WHERE a.id IN r.evidence_articles RETURN DISTINCT r } AS relationships
ORDER BY published_at, title
