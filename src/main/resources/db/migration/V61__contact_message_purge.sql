-- Retention: a finished contact message's text and sender are blanked after a while (rdex.retention.*);
-- the row stays so that counts per state and partner remain. purged_at says when it was blanked.
alter table contact_message add column purged_at timestamptz;

-- What the nightly purge looks at: finished messages not purged yet. Purged rows leave the index.
create index contact_message_unpurged on contact_message (id)
    where purged_at is null and state in ('DELIVERED', 'FAILED');

create index contact_outbound_created on contact_outbound (created_at);
