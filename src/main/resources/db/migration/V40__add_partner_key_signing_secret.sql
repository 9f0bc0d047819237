-- RDEX 1.2 signs each request with HMAC-SHA256 keyed by the private half of the partner's key, so verifying
-- needs that half in clear: it is kept here AES-256-GCM encrypted with the server's master key
-- (partner.PartnerKeyCipher, RDEX_SECRET_KEY), beside the SHA-256 every other protocol checks. Keys issued
-- before this column have none and cannot sign (RDEX 1.2 refuses them): issue a new key.
alter table partner_key add column secret_enc text;
