-- Where a cancel request and the worker taking the job meet (service-support's JobCancels): the job's
-- request may still wait in Kafka when it is cancelled, before the job has a row of its own.
CREATE TABLE job_control (
    job_id              UUID        PRIMARY KEY,
    claimed_at          TIMESTAMPTZ,
    cancel_requested_at TIMESTAMPTZ
);

-- When each machine was last deleted (service-support's DeletedMachine): a request of the machine
-- made before then is dropped when it reaches a worker.
CREATE TABLE deleted_machines (
    machine_id VARCHAR(64) PRIMARY KEY,
    deleted_at TIMESTAMPTZ NOT NULL
);
