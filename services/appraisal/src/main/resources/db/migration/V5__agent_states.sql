-- Agents' states from intake (AgentStateChanged): one row per finished state interval, for agents on duty and
-- occupancy per queue and half-hour.
CREATE TABLE agent_state_fact (
    event_id uuid        PRIMARY KEY,
    tenant   varchar(2)  NOT NULL,
    agent_id varchar(64) NOT NULL,
    queue_id varchar(6),
    state    varchar(16) NOT NULL,
    since    timestamptz NOT NULL,
    until    timestamptz NOT NULL
);
CREATE INDEX agent_state_fact_time ON agent_state_fact (tenant, since);
