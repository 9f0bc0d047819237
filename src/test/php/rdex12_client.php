<?php
// An RDEX 1.2 client that builds and signs its requests the way Mobicoop's does (JourneyProviderRdex for
// GET journeys, ExternalConnectionManager for POST connections), so that our server is tested against a
// peer's encoder rather than our own. Written for the conformance tests; run with php-cli and php-curl.
//
// Usage: php rdex12_client.php journeys|connections JSON
//   JSON: {"base": "https://host:port/rdex", "apikey": "...", "http": "1.1"|"2", "tamper": "none"|"signature"|"query",
//          "timestamp": optional int, "search": {...} (journeys) or "connection": {...} (connections)}
//   The private key is read from the environment (RDEX12_PRIVATE_KEY), not from the command line.
// Prints one JSON object: status, http_version ("1.1" or "2"), url, body.

declare(strict_types=1);

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

// The p[...] of a search, in the order and shape Mobicoop's client gives it: roles, points, frequency, dates,
// every day (0 when the user chose none), then the time of a punctual search as the mintime of its day only.
function searchParameters(array $s): array
{
    $p = [
        'driver' => ['state' => $s['driver'] ?? 1],
        'passenger' => ['state' => $s['passenger'] ?? 0],
        'from' => ['latitude' => $s['from_latitude'], 'longitude' => $s['from_longitude']],
        'to' => ['latitude' => $s['to_latitude'], 'longitude' => $s['to_longitude']],
    ];
    $frequency = $s['frequency'] ?? 'punctual';
    if ($frequency === 'regular' || $frequency === 'punctual') {
        $p['frequency'] = $frequency;
    }
    if (isset($s['date'])) {
        $p['outward']['mindate'] = $s['date'];
        $p['outward']['maxdate'] = $s['date'];
    }
    foreach (DAYS as $day) {
        $p['days'][$day] = $s['days'][$day] ?? 0;
    }
    if ($frequency === 'punctual') {
        if (isset($s['time']) && $s['time'] !== '') {
            $time = substr_count($s['time'], ':') < 2 ? $s['time'] . ':00' : $s['time'];
            $weekday = strtolower(DateTime::createFromFormat('Y-m-d', $p['outward']['mindate'])->format('l'));
            $p['outward'][$weekday]['mintime'] = $time;
        }
    } else {
        foreach (DAYS as $day) {
            foreach (['mintime', 'maxtime'] as $bound) {
                if (isset($s[$day . '_' . $bound])) {
                    $p['outward'][$day][$bound] = $s[$day . '_' . $bound];
                }
            }
        }
    }
    return $p;
}

// The form of a connection as Mobicoop's client posts it: top-level fields, the recipient's uuid only, the
// sender a passenger unless told otherwise; null members are left out by http_build_query.
function connectionForm(array $c): array
{
    $senderIsPassenger = ($c['sender'] ?? 'passenger') === 'passenger';
    return [
        'origin' => $c['origin'],
        'operator' => $c['operator'],
        'details' => $c['details'],
        'journeys' => ['uuid' => $c['journey']],
        'driver' => [
            'uuid' => $senderIsPassenger ? $c['carpooler'] : null,
            'state' => $senderIsPassenger ? 'recipient' : 'sender',
        ],
        'passenger' => [
            'uuid' => $senderIsPassenger ? null : $c['carpooler'],
            'state' => $senderIsPassenger ? 'sender' : 'recipient',
        ],
    ];
}

function fail(string $why): void
{
    fwrite(STDERR, $why . "\n");
    exit(2);
}

if ($argc !== 3 || !in_array($argv[1], ['journeys', 'connections'], true)) {
    fail('usage: php rdex12_client.php journeys|connections JSON');
}
$resource = $argv[1];
$call = json_decode($argv[2], true, 16, JSON_THROW_ON_ERROR);
$privateKey = getenv('RDEX12_PRIVATE_KEY');
if ($privateKey === false || $privateKey === '') {
    fail('RDEX12_PRIVATE_KEY is not set');
}

$query = ['timestamp' => $call['timestamp'] ?? time(), 'apikey' => $call['apikey']];
if ($resource === 'journeys') {
    $query['p'] = searchParameters($call['search']);
}
$url = rtrim($call['base'], '/') . '/' . $resource . '?' . http_build_query($query);
$signature = hash_hmac('sha256', $url, $privateKey);
$tamper = $call['tamper'] ?? 'none';
if ($tamper === 'signature') {
    $signature = ($signature[0] === '0' ? '1' : '0') . substr($signature, 1);
} elseif ($tamper === 'query') {
    // A signed value changed after signing (the timestamp, still within any window): the server must notice.
    $url = str_replace('timestamp=' . $query['timestamp'], 'timestamp=' . ($query['timestamp'] + 1), $url);
}
$signedUrl = $url . '&signature=' . $signature;

$curl = curl_init($signedUrl);
curl_setopt_array($curl, [
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_HTTP_VERSION => ($call['http'] ?? '1.1') === '2' ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1,
    // The servers under test are on loopback with a certificate made for the test.
    CURLOPT_SSL_VERIFYPEER => false,
    CURLOPT_SSL_VERIFYHOST => 0,
    CURLOPT_CONNECTTIMEOUT => 10,
    CURLOPT_TIMEOUT => 30,
]);
if ($resource === 'connections') {
    curl_setopt($curl, CURLOPT_POST, true);
    curl_setopt($curl, CURLOPT_POSTFIELDS, http_build_query(connectionForm($call['connection'])));
    curl_setopt($curl, CURLOPT_HTTPHEADER, ['Content-Type: application/x-www-form-urlencoded']);
}
$body = curl_exec($curl);
if ($body === false) {
    fail('request failed: ' . curl_error($curl));
}
$version = curl_getinfo($curl, CURLINFO_HTTP_VERSION);
echo json_encode([
    'status' => curl_getinfo($curl, CURLINFO_RESPONSE_CODE),
    'http_version' => $version === CURL_HTTP_VERSION_2_0 ? '2' : ($version === CURL_HTTP_VERSION_1_1 ? '1.1' : (string) $version),
    'url' => $signedUrl,
    'body' => $body,
], JSON_UNESCAPED_SLASHES), "\n";
