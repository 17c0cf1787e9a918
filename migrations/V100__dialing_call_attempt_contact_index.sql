-- A contact's calls, newest first: the workplace's earlier attempts on the card, the contact page's calls and a call's
-- card (CallRecords.list by contact). Without it each read walked call_attempt backwards until it found enough rows.
create index call_attempt_contact_idx on call_attempt (contact_id, dial_request_id);
