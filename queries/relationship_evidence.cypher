// name: relationship_evidence
// description: The evidence behind one relationship: every sentence that states it, with its article, outlet, date, link, extractor and confidence.
// param: from (string) id of one end, example: firm:深圳市星河影视有限公司
// param: to (string) id of the other end, example: firm:深圳市红果平台科技有限公司
// param: type (string) the relationship type, example: PARTNERS_WITH
// returns: relationship, sentence, article_id, title, outlet, published_at, url, extractor, confidence
MATCH (:Entity {id: $from})-[r]-(:Entity {id: $to})
WHERE type(r) = $type
UNWIND range(0, size(r.evidence) - 1) AS i
OPTIONAL MATCH (a:Article {id: r.evidence_articles[i]})
RETURN type(r) AS relationship, r.evidence[i] AS sentence, r.evidence_articles[i] AS article_id,
       a.title AS title, a.source AS outlet, a.published_at AS published_at, a.url AS url,
       r.evidence_extractors[i] AS extractor, r.evidence_confidences[i] AS confidence
ORDER BY published_at, article_id, r.evidence_starts[i]
