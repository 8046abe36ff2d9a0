-- The index of charged request ids (ADR 0032): one row per UsageCharged event in the store. An account's
-- position in memory remembers only its last few charged ids; an id a caller brings is looked up here.
-- Kept by the database itself: a trigger on the event table adds the row in the transaction that stores
-- the event, whoever writes it (this version's ledger, an older gateway during a rolling upgrade), and the
-- primary key refuses a second charge of an id — the append of such an event fails whole.
create table charged_request (
    account_id uuid         not null,
    request_id varchar(128) not null,
    primary key (account_id, request_id)
);

create function index_charged_request() returns trigger
    language plpgsql
    set search_path from current
as $$
begin
    insert into charged_request (account_id, request_id)
    values (new.aggregateidentifier::uuid, convert_from(new.payload, 'UTF8')::json ->> 'requestId');
    return null;
end
$$;

-- Creating the trigger locks the event table against writes until this migration commits, so no event is
-- stored between the copy below and the trigger taking over.
create trigger charged_request_index
    after insert on domainevententry
    for each row
    when (new.payloadtype = 'dev.switchgear.domain.credit.api.UsageCharged')
    execute function index_charged_request();

-- The charges stored before: every UsageCharged payload carries `requestId` as text (all revisions).
insert into charged_request (account_id, request_id)
select distinct aggregateidentifier::uuid, convert_from(payload, 'UTF8')::json ->> 'requestId'
from domainevententry
where payloadtype = 'dev.switchgear.domain.credit.api.UsageCharged';
