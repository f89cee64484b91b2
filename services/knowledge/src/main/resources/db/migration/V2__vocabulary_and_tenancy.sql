-- Editors' additions to the words questions are read with (issue 18): synonyms, colloquial rewrites and domain words,
-- nationally ('*') or for one province. The bundled files stay the base; these lines are added after them.
create table vocabulary_entry (
    id          uuid primary key,
    tenant      varchar(2)   not null,
    kind        varchar(16)  not null check (kind in ('SYNONYM', 'COLLOQUIAL', 'DOMAIN')),
    line        varchar(500) not null,
    created_by  varchar(100) not null,
    created_at  timestamptz  not null,
    constraint vocabulary_entry_unique unique (tenant, kind, line)
);

-- Dead-number reports count once per reporter (issue 11 point 7): who reported and from which tenant.
alter table dead_number_report add column reporter varchar(100);
alter table dead_number_report add column reporter_tenant varchar(2);
create unique index dead_number_report_once_per_reporter on dead_number_report (phone_id, reporter)
    where reporter is not null;
