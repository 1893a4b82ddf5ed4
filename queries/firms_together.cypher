// name: firms_together
// description: Pairs of firms named in the same articles, most shared articles first, and whether the graph links them directly.
// param: min_articles (int) the fewest shared articles a pair needs, example: 2
// returns: firm, other_firm, articles, titles, linked
MATCH (f1:Firm)<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(f2:Firm)
WHERE f1.id < f2.id
WITH f1, f2, a ORDER BY a.published_at
WITH f1, f2, collect(a.title) AS titles
WHERE size(titles) >= $min_articles
RETURN f1.name AS firm, f2.name AS other_firm, size(titles) AS articles, titles,
       EXISTS { (f1)-[]-(f2) } AS linked
ORDER BY articles DESC, firm, other_firm
