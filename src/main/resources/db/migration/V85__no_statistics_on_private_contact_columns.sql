-- Retention: ANALYZE copies sample values of every column into pg_statistic (most common values, histograms),
-- where a purged message text or sender address would outlive the purge. The private columns get none.
alter table contact_message
    alter column message set statistics 0,
    alter column sender_email set statistics 0,
    alter column sender_pseudonym set statistics 0,
    alter column caller_ip set statistics 0;
alter table contact_outbound
    alter column sender_email set statistics 0;

-- ANALYZE skips a column with statistics 0 but leaves its old pg_statistic row; changing a column's type drops
-- that row. text to text rewrites nothing (no index uses these columns).
alter table contact_message
    alter column message type text,
    alter column sender_email type text,
    alter column sender_pseudonym type text,
    alter column caller_ip type text;
alter table contact_outbound
    alter column sender_email type text;

analyze contact_message;
analyze contact_outbound;
