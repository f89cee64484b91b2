-- The public endpoints' rate limit, counted across replicas (issue 12): one row per client address, endpoint group
-- and one-minute window, incremented with INSERT ... ON CONFLICT DO UPDATE ... RETURNING. Unlogged: a crash of
-- PostgreSQL forgets the current minute's counts, which costs nothing worth a WAL write per public request.
CREATE UNLOGGED TABLE public_rate_limit (
    bucket       varchar(80) NOT NULL,
    window_start bigint      NOT NULL,
    hits         int         NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
