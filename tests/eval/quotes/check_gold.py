import json, os, re, sys
base = sys.argv[1]
arts = {f[:-4]: open(os.path.join(base, 'articles', f), encoding='utf-8').read()
        for f in os.listdir(os.path.join(base, 'articles')) if f.endswith('.txt')}
errs = []
gold = []
for i, line in enumerate(open(os.path.join(base, 'gold.jsonl'), encoding='utf-8'), 1):
    try:
        g = json.loads(line)
    except Exception as e:
        errs.append(f'line {i}: bad json {e}'); continue
    gold.append((i, g))
    keys = set(g) - {'article_id', 'quote', 'speaker', 'role', 'org'}
    if keys or not {'article_id', 'quote', 'speaker'} <= set(g):
        errs.append(f'line {i}: keys {sorted(g)}')
    for k in ('role', 'org'):
        if k in g and not g[k].strip():
            errs.append(f'line {i}: empty {k}')
    a = g.get('article_id')
    if a not in arts:
        errs.append(f'line {i}: unknown article {a}'); continue
    q = g['quote']; n = len(q.split())
    if not 5 <= n <= 12:
        errs.append(f'line {i}: {n} words: {q}')
    text = arts[a]
    if text.count(q) == 0:
        errs.append(f'line {i}: not found: {q}'); continue
    if text.count(q) > 1:
        errs.append(f'line {i}: occurs {text.count(q)} times: {q}')
    # inside quote marks (per line)
    for ln in text.split('\n'):
        p = ln.find(q)
        if p < 0: continue
        before = ln[:p]
        curly_open = before.count('“') > before.count('”')
        straight_open = before.count('"') % 2 == 1
        guillemet_open = before.count('«') > before.count('»')
        low_open = before.count('„') > before.count('“') + before.count('”')
        if not (curly_open or straight_open or guillemet_open or low_open):
            errs.append(f'line {i}: not inside quote marks: {q}')
    if g['speaker'] and g['speaker'] not in text:
        errs.append(f'line {i}: speaker not verbatim in article: {g["speaker"]}')
    if 'org' in g and g['org'] not in text:
        errs.append(f'line {i}: org not verbatim in article: {g["org"]}')
# order and counts
from collections import defaultdict
per = defaultdict(list)
order = []
for i, g in gold:
    if g.get('article_id') not in order: order.append(g.get('article_id'))
    per[g.get('article_id')].append(g)
if len(order) != len(set(order)): errs.append('articles not contiguous in gold')
for a, gs in per.items():
    if a not in arts: continue
    pos = [arts[a].find(g['quote']) for g in gs]
    if pos != sorted(pos): errs.append(f'{a}: gold not in article order')
for a in arts:
    if len(per.get(a, [])) < 2: errs.append(f'{a}: fewer than 2 gold lines')
    t = arts[a]
    for m in ('\n- Issued on:\n- Issued by:\n', '\n- Fields of work:\n'):
        if m not in t: errs.append(f'{a}: missing metadata {m!r}')
    if not re.search(r'\n(Press Release|News Item)\n', t): errs.append(f'{a}: no content type')
    # uncovered quoted spans
    for ln in t.split('\n'):
        for m in re.finditer(r'“([^”“]*)(”|$)|"([^"]*)"|«([^»]*)»', ln):
            span = next(g for g in (m.group(1), m.group(3), m.group(4)) if g is not None)
            if not any(g['quote'] in span for g in per.get(a, [])):
                print(f'UNCOVERED {a}: {span[:70]!r}')
print('articles', len(arts), 'gold', len(gold))
print('\n'.join(errs) or 'OK')
sys.exit(1 if errs else 0)
