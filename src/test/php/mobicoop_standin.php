<?php
// A stand-in for a Mobicoop RDEX 1.2 server, for `php -S 127.0.0.1:PORT mobicoop_standin.php`: it checks the
// signature of our client's requests the way Mobicoop's RdexManager does (Symfony's Request::getUri, which
// re-encodes the query, then the timestamp moved back to the front) and answers in one of Mobicoop's two
// journey formats, chosen by the first path segment: /numbers/rdex/... (numbers as JSON numbers) or
// /strings/rdex/... (numbers as numeric strings, as Doctrine's decimals come out).
//
// Environment: STANDIN_APIKEY, STANDIN_PRIVATE_KEY (our keys at this partner), STANDIN_JOURNEY (JSON: uuid, user,
// from_latitude, from_longitude, to_latitude, to_longitude, date, mintime, maxtime), STANDIN_LOG (a file where
// each request is appended as one JSON line: method, uri, body, verdict).

declare(strict_types=1);

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const STATES = ['sender', 'recipient'];

function rdexError(int $status, string $name, ?string $field, string $message = ''): array
{
    return [$status, ['error' => ['name' => $name, 'message_debug' => $message, 'message_user' => $message, 'field' => $field]]];
}

// Symfony's normalizeQueryString: parsed into nested arrays, top-level keys sorted, rebuilt as RFC 3986.
function normalizedQuery(string $query): string
{
    if ($query === '') {
        return '';
    }
    parse_str($query, $parameters);
    ksort($parameters);
    return http_build_query($parameters, '', '&', PHP_QUERY_RFC3986);
}

// Symfony's getUri: our own scheme and authority (Host), the path as received, the normalized query.
function symfonyUri(): string
{
    $path = explode('?', $_SERVER['REQUEST_URI'], 2)[0];
    $query = normalizedQuery($_SERVER['QUERY_STRING'] ?? '');
    return 'http://' . $_SERVER['HTTP_HOST'] . $path . ($query === '' ? '' : '?' . $query);
}

// RdexManager::checkSignature for a GET: the signature pair cut out of getUri, the timestamp (which sorts last)
// cut off and put back at the front, then HMAC-SHA256 with the client's private key.
function searchSignatureValid(string $privateKey): bool
{
    $uri = symfonyUri();
    $at = strpos($uri, '&signature=');
    if ($at === false) {
        $at = strpos($uri, 'signature=');
    }
    if ($at === false) {
        return false;
    }
    $end = strpos($uri, '&', $at + 1);
    $unsigned = $end === false ? substr($uri, 0, $at) : substr($uri, 0, $at) . substr($uri, $end);
    $timestampAt = strpos($unsigned, '&timestamp=');
    if ($timestampAt !== false) {
        $unsigned = substr($unsigned, 0, $timestampAt);
    }
    $unsigned = preg_replace('/\?/', '?timestamp=' . ($_GET['timestamp'] ?? '') . '&', $unsigned, 1);
    return hash_equals(hash_hmac('sha256', $unsigned, $privateKey), (string) ($_GET['signature'] ?? ''));
}

// A connection is signed as Mobicoop's client signs it: getUri's base, then timestamp and apikey only.
// (Mobicoop's own server-side check for POST adds the body as p, which Mobicoop's client never signs.)
function connectionSignatureValid(string $privateKey): bool
{
    $base = explode('?', symfonyUri(), 2)[0];
    $unsigned = $base . '?' . http_build_query(['timestamp' => $_GET['timestamp'] ?? null, 'apikey' => $_GET['apikey'] ?? null]);
    return hash_equals(hash_hmac('sha256', $unsigned, $privateKey), (string) ($_GET['signature'] ?? ''));
}

function journey(array $j, bool $strings): array
{
    $number = fn ($v) => $strings ? (string) $v : $v;
    $weekday = strtolower(DateTime::createFromFormat('Y-m-d', $j['date'])->format('l'));
    $days = [];
    $outward = ['mindate' => $j['date'], 'maxdate' => $j['date']];
    foreach (DAYS as $day) {
        $days[$day] = $day === $weekday ? 1 : 0;
        $outward[$day] = $day === $weekday ? ['mintime' => $j['mintime'], 'maxtime' => $j['maxtime']] : null;
    }
    $carpooler = ['uuid' => $strings ? (string) $j['user'] : (int) $j['user'], 'alias' => 'Camille D.', 'image' => null, 'gender' => 'female'];
    return ['journeys' => [
        'uuid' => $strings ? (string) $j['uuid'] : (int) $j['uuid'],
        'operator' => 'Mobicoop',
        'origin' => 'www.mobicoop.example',
        'url' => 'https://www.mobicoop.example/covoiturage/annonce/' . $j['uuid'],
        'driver' => $carpooler + ['seats' => $number(3), 'state' => 1],
        'passenger' => $carpooler + ['persons' => $number(0), 'state' => 0],
        'from' => ['address' => null, 'city' => 'Marseille', 'postalcode' => '13001', 'country' => 'France',
            'latitude' => $strings ? sprintf('%.6f', $j['from_latitude']) : $j['from_latitude'],
            'longitude' => $strings ? sprintf('%.6f', $j['from_longitude']) : $j['from_longitude']],
        'to' => ['address' => null, 'city' => 'Aix-en-Provence', 'postalcode' => '13100', 'country' => 'France',
            'latitude' => $strings ? sprintf('%.6f', $j['to_latitude']) : $j['to_latitude'],
            'longitude' => $strings ? sprintf('%.6f', $j['to_longitude']) : $j['to_longitude']],
        'distance' => $number(31500), 'duration' => $number(2100), 'route' => null, 'number_of_waypoints' => 0,
        'waypoints' => new stdClass(), 'cost' => ['variable' => $strings ? '0.060' : 0.06],
        'details' => null, 'vehicle' => null, 'frequency' => 'punctual', 'type' => 'one-way', 'real_time' => null,
        'stopped' => null, 'days' => $days, 'outward' => $outward, 'return' => null,
    ]];
}

function search(string $apikey, string $privateKey, array $journey, bool $strings): array
{
    foreach (['timestamp', 'apikey', 'p', 'signature'] as $name) {
        if (!isset($_GET[$name])) {
            return rdexError(400, 'missing_mandatory_field', $name);
        }
    }
    $p = $_GET['p'];
    foreach ([['driver', 'state'], ['passenger', 'state'], ['from', 'longitude'], ['from', 'latitude'], ['to', 'longitude'], ['to', 'latitude']] as [$a, $b]) {
        if (!isset($p[$a][$b])) {
            return rdexError(400, 'missing_mandatory_field', "p[$a][$b]");
        }
    }
    if ($_GET['apikey'] !== $apikey) {
        return rdexError(401, 'access_denied', 'apikey', 'Invalid apikey');
    }
    if (!searchSignatureValid($privateKey)) {
        return rdexError(401, 'signature_mismatch', 'signature', 'Signature mismatch');
    }
    return [200, [journey($journey, $strings)]];
}

function connection(string $apikey, string $privateKey, array $journey): array
{
    if (!isset($_GET['timestamp'])) {
        return rdexError(400, 'missing_mandatory_field', 'timestamp');
    }
    if (($_GET['apikey'] ?? null) !== $apikey) {
        return rdexError(401, 'access_denied', 'apikey', 'Invalid apikey');
    }
    foreach (['driver', 'passenger'] as $who) {
        $role = $_POST[$who] ?? null;
        if (!is_array($role)) {
            return rdexError(400, 'missing_mandatory_field', $who);
        }
        if (!in_array($role['state'] ?? null, STATES, true)) {
            return rdexError(400, 'invalid_input', "{$who}[state]");
        }
        if ($role['state'] === 'recipient' && (!isset($role['uuid']) || trim($role['uuid']) === '' || !is_numeric($role['uuid']))) {
            return rdexError(400, 'missing_mandatory_field', "{$who}['uuid']");
        }
    }
    if (!isset($_POST['journeys']['uuid']) || $_POST['journeys']['uuid'] === '') {
        return rdexError(400, 'missing_mandatory_field', 'journeys');
    }
    if (trim($_POST['details'] ?? '') === '') {
        return rdexError(400, 'missing_mandatory_field', 'details');
    }
    if (strlen($_POST['details']) > 500) {
        return rdexError(400, 'invalid_input', 'details');
    }
    if (trim($_GET['signature'] ?? '') === '') {
        return rdexError(400, 'missing_mandatory_field', 'signature');
    }
    if (!connectionSignatureValid($privateKey)) {
        return rdexError(401, 'signature_mismatch', 'signature', 'Signature mismatch');
    }
    $recipient = $_POST['driver']['state'] === 'recipient' ? $_POST['driver'] : $_POST['passenger'];
    if ((string) $recipient['uuid'] !== (string) $journey['user']) {
        // Mobicoop's answer to an unknown recipient: the error body, with the status 201 of a success.
        [, $body] = rdexError(201, 'unknown_user', 'recipient');
        return [201, $body];
    }
    return [201, null];
}

$journey = json_decode((string) getenv('STANDIN_JOURNEY'), true, 8, JSON_THROW_ON_ERROR);
$apikey = (string) getenv('STANDIN_APIKEY');
$privateKey = (string) getenv('STANDIN_PRIVATE_KEY');
$path = explode('?', $_SERVER['REQUEST_URI'], 2)[0];
$segments = explode('/', trim($path, '/'));
$format = $segments[0] ?? '';
$route = implode('/', array_slice($segments, 1));

if (!in_array($format, ['numbers', 'strings'], true)) {
    [$status, $body] = rdexError(404, 'resource_not_found', null);
} elseif ($route === 'rdex/journeys' && $_SERVER['REQUEST_METHOD'] === 'GET') {
    [$status, $body] = search($apikey, $privateKey, $journey, $format === 'strings');
} elseif ($route === 'rdex/connections' && $_SERVER['REQUEST_METHOD'] === 'POST') {
    [$status, $body] = connection($apikey, $privateKey, $journey);
} else {
    [$status, $body] = rdexError(404, 'resource_not_found', null);
}

$log = getenv('STANDIN_LOG');
if ($log !== false && $log !== '') {
    $verdict = is_array($body) && isset($body['error']) ? $body['error']['name'] : 'ok';
    file_put_contents($log, json_encode(['method' => $_SERVER['REQUEST_METHOD'], 'uri' => $_SERVER['REQUEST_URI'],
        'body' => file_get_contents('php://input'), 'verdict' => $verdict], JSON_UNESCAPED_SLASHES) . "\n", FILE_APPEND | LOCK_EX);
}
http_response_code($status);
if ($body !== null) {
    header('Content-Type: application/json');
    echo json_encode($body, JSON_UNESCAPED_SLASHES);
}
