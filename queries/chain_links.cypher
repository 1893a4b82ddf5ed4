// name: chain_links
// description: Links along the industry chain: firms of one segment connected to firms outside it (partners, parents, subsidiaries), with the sentences that say so.
// param: segment (string) the segment to start from (ip_script, production, platform, marketing …), example: platform
// returns: firm, relationship, direction (out: from the firm; in: to it; both: PARTNERS_WITH, which has none), other_firm, other_segments, first_seen, sentences
MATCH (f:Firm)-[r]-(o:Firm)
WHERE $segment IN f.segments AND NOT $segment IN coalesce(o.segments, [])
RETURN f.name AS firm, type(r) AS relationship,
       CASE WHEN type(r) = 'PARTNERS_WITH' THEN 'both' WHEN startNode(r) = f THEN 'out' ELSE 'in' END AS direction, o.name AS other_firm, o.segments AS other_segments,
       r.first_seen AS first_seen, r.evidence AS sentences
ORDER BY firm, first_seen, other_firm
