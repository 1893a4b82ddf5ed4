"""Measured and not kept (issue 8): a CRF over characters for entity names, stacked on the rules.

Features: the character and its neighbours, the part of speech of dictionary words starting or
ending at it (words.tsv), and the rule extractor's own label for it (B/I of its entities). Trained
on the gold of the sets given first, scored on the sets given second (entity P/R/F with the
scorer's matching), as the CRF alone, as a filter on the rules' entities (kept when the CRF tags
one of their occurrences) and as a union. Needs python-crfsuite (`pip install python-crfsuite`),
which the project does not install. Run from the repository root:

    python tools/experiments/crf_names.py seed,news-dev,news-dev2,dev3,dev4 dev5,unseen
"""
import sys, re, time
from pathlib import Path
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT)); sys.path.insert(0, str(ROOT.parent / 'shared' / 'eval'))
import pycrfsuite
from pathlib import Path
from mdkg.ingest.read import read_path
from mdkg.ingest.normalise import normalise
from mdkg.ingest.extract import extract
from mdkg.ingest.extract.resources import resources
from score import load, norm, match_entities, forms
W = resources().words
SETS = {
 'seed': (str(ROOT.parent / 'shared' / 'corpus') + '/000_c1d3601ce5bf4ed0.gold.jsonl', [str(ROOT.parent / 'shared' / 'corpus') + '/000_c1d3601ce5bf4ed0.txt']),
 'news-dev': (str(ROOT.parent / 'shared' / 'corpus') + '/news-dev.gold.jsonl', [str(ROOT.parent / 'shared' / 'corpus') + '/news-dev.txt']),
 'news-dev2': (str(ROOT.parent / 'shared' / 'corpus') + '/news-dev2.gold.jsonl', [str(ROOT.parent / 'shared' / 'corpus') + '/news-dev2.txt']),
 'dev3': (str(ROOT / 'samples') + '/dev3/dev3.gold.jsonl', [str(ROOT / 'samples') + '/dev3/dev3.txt']),
 'dev4': (str(ROOT / 'samples') + '/dev4/dev4.gold.jsonl', [str(ROOT / 'samples') + '/dev4/dev4.txt']),
 'dev5': (str(ROOT / 'samples') + '/dev5/dev5.gold.jsonl', [str(ROOT / 'samples') + '/dev5/dev5.txt']),
 'unseen': (str(ROOT / 'samples') + '/unseen/unseen.gold.jsonl', [str(ROOT / 'samples') + '/unseen/unseen.txt']),
}
def spans(text, ents):
    """(start,end,label) for every occurrence of each entity's forms, longest first, no overlap."""
    cands=[]
    for label, fs in ents:
        for f in fs:
            if len(f) < 2: continue
            for m in re.finditer(re.escape(f), text): cands.append((m.start(), m.end(), label))
    cands.sort(key=lambda c: (-(c[1]-c[0]), c[0]))
    taken=bytearray(len(text)); out=[]
    for s,e,l in cands:
        if any(taken[s:e]): continue
        taken[s:e]=b'\x01'*(e-s); out.append((s,e,l))
    return sorted(out)
def bio(text, sp):
    lab=['O']*len(text)
    for s,e,l in sp:
        lab[s]='B-'+l
        for i in range(s+1,e): lab[i]='I-'+l
    return lab
def feats(text, rule_lab):
    n=len(text); F=[]
    starts=[None]*n; ends=[None]*n
    for i in range(n):
        for k in (4,3,2):
            w=text[i:i+k]
            if len(w)==k and w in W:
                if starts[i] is None: starts[i]=W[w]+str(k)
                if ends[i+k-1] is None: ends[i+k-1]=W[w]+str(k)
    for i,c in enumerate(text):
        p=text[i-1] if i else '^'; q=text[i+1] if i+1<n else '$'
        f=['c='+c,'p='+p,'q='+q,'pc='+p+c,'cq='+c+q,'r='+rule_lab[i],
           'rp='+(rule_lab[i-1] if i else '^'),'rq='+(rule_lab[i+1] if i+1<n else '$'),
           'ws='+str(starts[i]),'we='+str(ends[i])]
        if i>1: f.append('pp='+text[i-2]+p)
        if i+2<n: f.append('qq='+q+text[i+2])
        F.append(f)
    return F
def articles(name):
    gp, files = SETS[name]; gold=load(gp); out=[]
    for fpath in files:
        for a in read_path(Path(fpath)):
            doc=normalise(a); ex=extract(doc)
            key=norm(a.title)[:60]
            g=next((v for k,v in gold.items() if k[:40]==key[:40]), None)
            if g is None: continue
            t=doc.text
            rule=[(e.label.value, [e.name]+list(e.aliases)) for e in ex.entities]
            gl=[(e['type'], [e['name']]+e.get('aliases',[])) for e in g['entities']]
            rl=bio(t, spans(t, rule)); glab=bio(t, spans(t, gl))
            out.append(dict(title=a.title, text=t, X=feats(t, rl), y=glab, rule=rule, gold=g))
    return out
def decode(text, lab):
    ents={}; i=0
    while i<len(lab):
        if lab[i].startswith('B-'):
            l=lab[i][2:]; j=i+1
            while j<len(lab) and lab[j]=='I-'+l: j+=1
            s=text[i:j].strip('《》“”"')
            if len(s)>=2: ents.setdefault((l,norm(s)), (l,s))
            i=j
        else: i+=1
    return list(ents.values())
def ent_f1(pairs):
    tp=pp=gg=0
    for g, pred in pairs:
        ge=g['entities']; pe=[{'type':l,'name':s,'aliases':[]} for l,s in pred]
        m=match_entities(ge, pe); tp+=len(m); pp+=len(pe); gg+=len(ge)
    P=tp/pp if pp else 0; R=tp/gg if gg else 0
    return P,R,(2*P*R/(P+R) if P+R else 0)
MODEL = '/tmp/crf_names.crfsuite'
train_sets=sys.argv[1].split(','); test_sets=sys.argv[2].split(',')
t0=time.time()
data={n: articles(n) for n in set(train_sets+test_sets)}
tr=pycrfsuite.Trainer(verbose=False)
for n in train_sets:
    for a in data[n]: tr.append(a['X'], a['y'])
tr.set_params({'c1':0.1,'c2':0.01,'max_iterations':120,'feature.possible_transitions':True})
tr.train(MODEL)
tg=pycrfsuite.Tagger(); tg.open(MODEL)
for n in test_sets:
    rule_pairs=[(a['gold'], [(l,fs[0]) for l,fs in a['rule']]) for a in data[n]]
    t1=time.time()
    crf_pairs=[(a['gold'], decode(a['text'], tg.tag(a['X']))) for a in data[n]]
    dt=(time.time()-t1)/len(data[n])
    filt=[]; uni=[]
    for a,(g,cp) in zip(data[n], crf_pairs):
        lab=tg.tag(a['X']); keep=[]
        for l,fs in a['rule']:
            occ=[m for f in fs if len(f)>=2 for m in re.finditer(re.escape(f), a['text'])]
            if not occ or any(lab[m.start()] != 'O' for m in occ): keep.append((l,fs[0]))
        filt.append((g, keep))
        names={norm(x[1]) for x in keep}
        uni.append((g, keep+[x for x in cp if norm(x[1]) not in names]))
    print(n, 'rules %.3f/%.3f/%.3f' % ent_f1(rule_pairs), ' crf %.3f/%.3f/%.3f' % ent_f1(crf_pairs), ' filter %.3f/%.3f/%.3f' % ent_f1(filt), ' union %.3f/%.3f/%.3f' % ent_f1(uni), f' tag {dt*1000:.1f} ms/article')
print('time', round(time.time()-t0,1))
