-- When each machine was last deleted (service-support's DeletedMachine; the gateway records it like
-- every service that holds data of machines).
CREATE TABLE deleted_machines (
    machine_id VARCHAR(64) PRIMARY KEY,
    deleted_at TIMESTAMPTZ NOT NULL
);

-- The tasks of deleted machines, by id: an event of one of them that arrives later (the outcome of
-- a job that was stopping) does not bring the task back.
CREATE TABLE deleted_tasks (
    task_id    UUID        PRIMARY KEY,
    machine_id VARCHAR(64) NOT NULL,
    deleted_at TIMESTAMPTZ NOT NULL
);
