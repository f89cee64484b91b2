-- Policy articles: one row per article, one row per version (every edit is a new version; none is ever overwritten
-- except its lifecycle status, which moves draft -> internal -> published, and archived on the article).
create table article (
    id                uuid primary key,
    -- Stable key of the question the article answers; a city, its province and the nation may each answer the
    -- same key, and the most local one in the caller's region wins.
    question_key      varchar(80)  not null,
    -- '000000' national, 'PP0000' province, 'PPCC00' city (6-digit GB/T 2260).
    scope_region_code char(6)      not null,
    -- '*' for national articles, else the 2-digit province code: who may edit it.
    tenant            varchar(2)   not null,
    current_version   int          not null,
    archived_at       timestamptz,
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    constraint article_key_scope unique (question_key, scope_region_code)
);

create table article_version (
    article_id        uuid         not null references article (id),
    version           int          not null,
    status            varchar(16)  not null check (status in ('DRAFT', 'INTERNAL', 'PUBLISHED', 'ARCHIVED')),
    title             varchar(200) not null,
    -- 同义问法, one per line.
    question_variants text         not null default '',
    answer            text         not null,
    topic             varchar(32)  not null,
    service           varchar(32)  not null,
    effective_from    timestamptz  not null,
    effective_to      timestamptz,
    citation_name     varchar(300),
    citation_number   varchar(100),
    citation_url      varchar(500),
    owner             varchar(100) not null,
    review_date       date,
    created_by        varchar(100) not null,
    created_at        timestamptz  not null,
    published_at      timestamptz,
    primary key (article_id, version)
);
create index article_version_published on article_version (article_id) where status = 'PUBLISHED';

-- Institution directory: agencies, service windows, designated hospitals and pharmacies.
create table institution (
    id          uuid primary key,
    tenant      varchar(2)   not null,
    region_code char(6)      not null,
    name        varchar(200) not null,
    type        varchar(20)  not null check (type in ('AGENCY', 'SERVICE_WINDOW', 'HOSPITAL', 'PHARMACY')),
    address     varchar(300),
    hours       varchar(200),
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);
create index institution_region on institution (region_code, type);

create table institution_phone (
    id               uuid primary key,
    institution_id   uuid         not null references institution (id) on delete cascade,
    -- Normalised: '0533-3120000', '+8613905330000' or '12393'.
    phone            varchar(32)  not null,
    label            varchar(60),
    last_verified_at timestamptz,
    -- Reports of a wrong or dead number since the last verification.
    dead_reports     int          not null default 0,
    withheld         boolean      not null default false,
    constraint institution_phone_unique unique (institution_id, phone)
);
create index institution_phone_phone on institution_phone (phone);

create table dead_number_report (
    report_id   varchar(100) primary key,
    phone_id    uuid         not null references institution_phone (id) on delete cascade,
    source      varchar(16)  not null,
    note        varchar(500),
    reported_at timestamptz  not null
);

-- Questions without a good answer, grouped by their normalised text and region.
create table knowledge_gap (
    id               uuid primary key,
    question_hash    varchar(64)  not null,
    question         varchar(2000) not null,
    region_code      char(6)      not null,
    tenant           varchar(2)   not null,
    channel          varchar(20)  not null,
    best_article_id  uuid,
    best_confidence  double precision not null,
    times_asked      int          not null,
    first_asked_at   timestamptz  not null,
    last_asked_at    timestamptz  not null,
    closed_at        timestamptz,
    constraint knowledge_gap_unique unique (question_hash, region_code)
);
create index knowledge_gap_open on knowledge_gap (tenant, last_asked_at desc) where closed_at is null;

-- Idempotency-Key of editor POSTs: the resource created for each key.
create table idempotency_key (
    key         varchar(200) not null,
    subject     varchar(100) not null,
    location    varchar(300) not null,
    created_at  timestamptz  not null,
    primary key (key, subject)
);
