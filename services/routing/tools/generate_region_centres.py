#!/usr/bin/env python3
"""Writes src/main/resources/regions/centres.csv (code,name,latitude,longitude): the centre point of every province,
every prefecture-level city and every district of the four municipalities, from the map data of the npm package
echarts@4.9.0 (Apache-2.0; map/json/china.json and map/json/province/*.json, property "cp" = [longitude, latitude]).

Usage: npm pack echarts@4.9.0 && tar xzf echarts-4.9.0.tgz package/map/json
       python3 tools/generate_region_centres.py package/map/json > src/main/resources/regions/centres.csv
Names are matched to the GB/T 2260 codes of the region directory (regions/*.csv) within the file's province.
"""
import csv, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
regions = os.path.join(here, '..', 'src', 'main', 'resources', 'regions')
maps = sys.argv[1]

FILES = {'anhui': '34', 'beijing': '11', 'chongqing': '50', 'fujian': '35', 'gansu': '62', 'guangdong': '44',
         'guangxi': '45', 'guizhou': '52', 'hainan': '46', 'hebei': '13', 'heilongjiang': '23', 'henan': '41',
         'hubei': '42', 'hunan': '43', 'jiangsu': '32', 'jiangxi': '36', 'jilin': '22', 'liaoning': '21',
         'neimenggu': '15', 'ningxia': '64', 'qinghai': '63', 'shandong': '37', 'shanghai': '31', 'shanxi': '14',
         'shanxi1': '61', 'sichuan': '51', 'tianjin': '12', 'xinjiang': '65', 'xizang': '54', 'yunnan': '53',
         'zhejiang': '33'}
# Old names in the map data -> today's names.
ALIASES = {'襄樊市': '襄阳市'}

by_province = {}
names = {}
for f in ('province.csv', 'city.csv', 'area.csv'):
    with open(os.path.join(regions, f), encoding='utf-8') as fh:
        for r in csv.DictReader(fh):
            names[r['code']] = r['name']
            if not r['code'].endswith('0000'):
                by_province.setdefault(r['code'][:2], []).append((r['code'], r['name']))

def find(prov, name):
    name = ALIASES.get(name, name)
    cands = by_province.get(prov, [])
    # Cities (xx xx 00) before counties, so that a city and its same-named district resolve to the city.
    cands = sorted(cands, key=lambda cn: (not cn[0].endswith('00'), cn[0]))
    for c, n in cands:
        if n == name:
            return c, n
    for c, n in cands:
        if len(name) >= 2 and n.startswith(name):
            return c, n
    return None

out = csv.writer(sys.stdout, lineterminator='\n')
out.writerow(['code', 'name', 'latitude', 'longitude'])
china = json.load(open(os.path.join(maps, 'china.json'), encoding='utf-8'))
for feat in china['features']:
    p = feat['properties']
    if p['id'] in names:
        out.writerow([p['id'], names[p['id']], p['cp'][1], p['cp'][0]])
skipped, seen = [], set()
for fn, prov in sorted(FILES.items()):
    data = json.load(open(os.path.join(maps, 'province', fn + '.json'), encoding='utf-8'))
    for feat in data['features']:
        p = feat['properties']
        hit = find(prov, p['name']) if p.get('cp') else None
        if hit and hit[0] not in seen:
            seen.add(hit[0])
            out.writerow([hit[0], hit[1], p['cp'][1], p['cp'][0]])
        else:
            skipped.append(fn + ':' + p['name'])
print('skipped: ' + ', '.join(skipped), file=sys.stderr)
