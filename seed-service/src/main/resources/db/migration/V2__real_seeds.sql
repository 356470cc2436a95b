-- Seeds from users' data (ingested uploads) beside simulated ones.
ALTER TABLE seeds ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'simulated';
ALTER TABLE seeds ADD COLUMN holdout_path VARCHAR(300);
ALTER TABLE seeds ADD COLUMN report_path VARCHAR(300);
ALTER TABLE jobs ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'simulated';
