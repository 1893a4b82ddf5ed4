// name: association_members
// description: The members of an association by rank (名誉会长单位 first, 会员单位 last), since when, and the sentences that say so.
// param: association (string) the association's id, example: association:深圳市微短剧产业协会
// returns: role, member_id, member, member_label, since, sentences
MATCH (m:Entity)-[r:MEMBER_OF]->(:Association {id: $association})
WITH m, r, ['名誉会长单位', '会长单位', '常务副会长单位', '副会长单位', '秘书长单位', '常务理事单位', '理事单位', '会员单位'] AS ranks
RETURN coalesce(r.role, '(not stated)') AS role,
       m.id AS member_id, m.name AS member,
       [l IN labels(m) WHERE l <> 'Entity'][0] AS member_label,
       r.first_seen AS since, r.evidence AS sentences
ORDER BY coalesce([i IN range(0, size(ranks) - 1) WHERE ranks[i] = r.role][0], size(ranks)), member
