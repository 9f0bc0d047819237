-- The live APIs a partner exposes besides its file feed (feature: live, calling partners). Kept apart
-- from the partner table so that the partner's own settings and these evolve independently.
create table partner_protocol (
    partner_id              bigint primary key references partner (id) on delete cascade,
    -- RDEX 1.2 (Mobicoop's JSON API): API root such that {url}/journeys and {url}/connections exist.
    rdex12_url              text,
    rdex12_apikey           text,
    -- The private key the partner gave us to sign our calls, encrypted like partner.outbound_key_enc.
    rdex12_private_key_enc  text,
    -- standard-covoiturage: API root such that {url}/driver_journeys and {url}/messages exist.
    standard_url            text,
    standard_api_key_enc    text,
    -- This partner's live-search timeout; null takes rdex.live.timeout.
    timeout_ms              integer check (timeout_ms between 50 and 60000),
    -- How a contact to this partner's journeys goes: rdex10 (its /rdex/contact), rdex12, standard; null
    -- picks the first the partner is configured for, in that order.
    contact_via             text check (contact_via in ('rdex10', 'rdex12', 'standard')),
    -- Whether live search asks this partner (contacts still go through its protocol when false).
    live_search             boolean not null default true,
    updated_at              timestamptz not null default now()
);
