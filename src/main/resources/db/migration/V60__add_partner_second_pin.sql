-- A second accepted certificate pin while a partner rotates its self-signed certificate: the new one is
-- added before the partner switches, the old one removed after; either is trusted meanwhile.
alter table partner add column tls_fingerprint_next text;
