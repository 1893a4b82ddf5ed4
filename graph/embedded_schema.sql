-- The embedded store's tables. Relationship evidence is one row per (relationship, article, span),
-- so ingesting the same article again adds nothing.
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    published_at TEXT,
    url TEXT,
    language TEXT NOT NULL DEFAULT 'zh',
    fingerprint TEXT,
    reprints TEXT NOT NULL DEFAULT '[]',
    seq INTEGER NOT NULL DEFAULT 0 -- the store version that last wrote it
);
CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
-- Each story's fingerprint keys (graph/fingerprints.py): its candidate copies are found by index.
CREATE TABLE IF NOT EXISTS story_keys (
    key TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_keys_article ON story_keys(article_id);
-- The store's version (one more per write) and how far each file's ingest got.
CREATE TABLE IF NOT EXISTS store_meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ingested_files (
    key TEXT PRIMARY KEY, -- SHA-256 of the file's bytes
    path TEXT NOT NULL,
    done INTEGER NOT NULL,
    total INTEGER NOT NULL,
    at TEXT NOT NULL
);
-- Stories that became reprints of another story (their extraction withdrawn), for other writers.
CREATE TABLE IF NOT EXISTS retired_articles (
    id TEXT PRIMARY KEY,
    story TEXT NOT NULL,
    seq INTEGER NOT NULL
);
-- Entities merged into another (graph/entity_merge.py): each row is a redirect from the merged id to
-- the entity it went into, with the record of what moved (JSON), which a split gives back. A new table,
-- so a file an older version wrote gets it empty when this version opens it (nothing to fill in).
CREATE TABLE IF NOT EXISTS entity_merges (
    id TEXT PRIMARY KEY, -- the merged entity's id, which answers with `keep`
    keep TEXT NOT NULL,
    seq INTEGER NOT NULL, -- the store version the merge made
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_merges_keep ON entity_merges(keep);
-- The corrections log (graph/corrections.py): one row an entry, in force or undone, the entry as JSON.
-- A new table, so a file an older version wrote gets it empty.
CREATE TABLE IF NOT EXISTS corrections (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL, -- the store version applying it made
    kind TEXT NOT NULL,
    target TEXT NOT NULL, -- the relationship or entity corrected
    into_id TEXT, -- a merge's or relabelling's kept entity
    active INTEGER NOT NULL, -- 0 once undone
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS corrections_target ON corrections(target);
CREATE INDEX IF NOT EXISTS corrections_into ON corrections(into_id);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    properties TEXT NOT NULL DEFAULT '{}',
    first_seen TEXT,
    last_seen TEXT,
    degree INTEGER NOT NULL DEFAULT 0  -- relationships in and out, a self-loop twice (kept by triggers)
);
CREATE TABLE IF NOT EXISTS entity_sources (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    PRIMARY KEY (entity_id, article_id)
);
CREATE INDEX IF NOT EXISTS entities_label ON entities(label);
CREATE TABLE IF NOT EXISTS entity_keys (
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (key, label, entity_id)
);
-- Keys an entity's names are spelled by in the other script (GraphBatch.spellings), for resolution only.
CREATE TABLE IF NOT EXISTS entity_spellings (
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (key, label, entity_id)
);
CREATE INDEX IF NOT EXISTS entity_spellings_entity ON entity_spellings(entity_id);
CREATE TABLE IF NOT EXISTS relationships (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    source TEXT NOT NULL REFERENCES entities(id),
    target TEXT NOT NULL REFERENCES entities(id),
    properties TEXT NOT NULL DEFAULT '{}',
    confidence REAL NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX IF NOT EXISTS relationships_source ON relationships(source);
CREATE INDEX IF NOT EXISTS relationships_target ON relationships(target);
-- Each entity's degree follows its relationships, so that search reads candidates best first
-- (graph/embedded_search.py) down this index, in the order graph/search.py ranks them.
CREATE INDEX IF NOT EXISTS entities_rank ON entities(degree DESC, length(name), name, id);
CREATE TRIGGER IF NOT EXISTS relationships_degree_added AFTER INSERT ON relationships BEGIN
    UPDATE entities SET degree = degree + (id = NEW.source) + (id = NEW.target)
    WHERE id IN (NEW.source, NEW.target);
END;
CREATE TRIGGER IF NOT EXISTS relationships_degree_removed AFTER DELETE ON relationships BEGIN
    UPDATE entities SET degree = degree - (id = OLD.source) - (id = OLD.target)
    WHERE id IN (OLD.source, OLD.target);
END;
CREATE TRIGGER IF NOT EXISTS relationships_degree_moved AFTER UPDATE OF source, target ON relationships
WHEN OLD.source IS NOT NEW.source OR OLD.target IS NOT NEW.target BEGIN
    UPDATE entities SET degree = degree - (id = OLD.source) - (id = OLD.target)
    WHERE id IN (OLD.source, OLD.target);
    UPDATE entities SET degree = degree + (id = NEW.source) + (id = NEW.target)
    WHERE id IN (NEW.source, NEW.target);
END;
CREATE TABLE IF NOT EXISTS evidence (
    relationship_id TEXT NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    extractor TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (relationship_id, article_id, start, end)
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles(id),
    entity_id TEXT NOT NULL REFERENCES entities(id),
    count INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (article_id, entity_id)
);
-- An article's evidence and sources, and an entity's mentions, by index: withdrawing a story that
-- became a reprint (graph/embedded_retire.py) and deleting an entity (its foreign keys) read them,
-- and without these each would read the whole table (a cost growing with the store).
CREATE INDEX IF NOT EXISTS evidence_article ON evidence(article_id);
CREATE INDEX IF NOT EXISTS entity_sources_article ON entity_sources(article_id);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
-- Search forms (graph/names.py): full pinyin and pinyin initials of every name and alias (search reads
-- name keys from entity_keys), and the full-text tokens (CJK bigrams, latin words) of names, aliases
-- and pinyin. Only for search: entity resolution reads entity_keys, which never holds pinyin.
CREATE TABLE IF NOT EXISTS search_forms (
    form TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('pinyin', 'initials')),
    label TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (form, kind, entity_id)
);
CREATE INDEX IF NOT EXISTS search_forms_entity ON search_forms(entity_id);
CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(
    entity_id UNINDEXED, label UNINDEXED, tokens, tokenize = 'unicode61 remove_diacritics 0'
);
-- Candidates of a search key of 3+ characters: an entity's name keys, full pinyin and initials joined
-- (graph.search.form_text), in a trigram index that finds a substring without a scan.
CREATE VIRTUAL TABLE IF NOT EXISTS search_grams USING fts5(
    entity_id UNINDEXED, label UNINDEXED, text, tokenize = 'trigram'
);
CREATE INDEX IF NOT EXISTS entity_keys_entity ON entity_keys(entity_id);
