-- What each charge was priced at and how it was routed (GET /api/v1/llm/requests/{id}/explain).
alter table usage_record add column multiplier_bp integer not null default 10000;
alter table usage_record add column catalog_version bigint;
alter table usage_record add column routing jsonb;
create index usage_record_request on usage_record (request_id);

-- Provider health history: every down/up transition (passive circuit breakers, active probes).
create table provider_health_event (
    id         bigserial    primary key,
    provider   varchar(100) not null,
    model      varchar(200),
    from_state varchar(20)  not null,
    to_state   varchar(20)  not null,
    reason     varchar(500),
    at         timestamptz  not null
);
create index provider_health_event_at on provider_health_event (at desc);
