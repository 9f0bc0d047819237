#!/usr/bin/env python3
"""Mixed load on one server for a fixed time: contact posts, searches and full downloads of the file.

Every answer is classified. Acceptable: 201 for a post, 200 for a search, 200 whose bytes hash to the
ETag for the file, and 503 with Retry-After for any of them (the database is away). Anything else is an
error. Prints one JSON line of counts; 'stored' is how many messages were answered 201.
"""
import argparse, hashlib, http.client, json, ssl, sys, threading, time, urllib.parse

p = argparse.ArgumentParser()
p.add_argument('--port', type=int, required=True)
p.add_argument('--seconds', type=float, required=True)
p.add_argument('--key', required=True)
p.add_argument('--journey', required=True)
p.add_argument('--posts', type=float, default=50, help='contact posts per second')
p.add_argument('--searches', type=float, default=10, help='searches per second')
p.add_argument('--downloads', type=float, default=1, help='full downloads per second')
a = p.parse_args()
ctx = ssl._create_unverified_context()
counts, lock = {}, threading.Lock()
stop = time.time() + a.seconds

def count(name):
    with lock:
        counts[name] = counts.get(name, 0) + 1

def request(method, path, body=None, headers=None):
    c = http.client.HTTPSConnection('127.0.0.1', a.port, context=ctx, timeout=30)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, r.getheader('Retry-After'), r.getheader('ETag'), r.read()
    finally:
        c.close()

def post():
    form = urllib.parse.urlencode({'Key': a.key, 'Id': a.journey, 'From': 'Load <load@example.net>',
                                   'Site': 'chaos.example', 'Message': 'load %f' % time.time()})
    status, retry, _, _ = request('POST', '/rdex/contact', form, {'Content-Type': 'application/x-www-form-urlencoded'})
    return 'stored' if status == 201 else 'unavailable' if status == 503 and retry else 'error-post-%d' % status

def search():
    status, retry, _, _ = request('GET', '/api/v1/journeys/search?fromLat=45.76&fromLon=4.83',
                                  headers={'Authorization': 'Bearer platform'})
    return 'searched' if status == 200 else 'unavailable' if status == 503 and retry else 'error-search-%d' % status

def download():
    status, retry, etag, body = request('GET', '/rdex/journeys.xml.gz')
    if status == 200:
        good = etag and etag.strip('"') == hashlib.sha256(body).hexdigest()
        return 'downloaded' if good else 'error-file-bytes'
    return 'unavailable' if status == 503 and retry else 'error-file-%d' % status

def loop(rate, action, workers):
    def work():
        period = workers / rate
        while time.time() < stop:
            t0 = time.time()
            try:
                count(action())
            except Exception as e:
                count('error-' + type(e).__name__)
            time.sleep(max(0, period - (time.time() - t0)))
    return [threading.Thread(target=work) for _ in range(workers)]

threads = []
if a.posts > 0: threads += loop(a.posts, post, 8)
if a.searches > 0: threads += loop(a.searches, search, 2)
if a.downloads > 0: threads += loop(a.downloads, download, 1)
for t in threads: t.start()
for t in threads: t.join()
counts['errors'] = sum(v for k, v in counts.items() if k.startswith('error'))
print(json.dumps(counts, sort_keys=True))
