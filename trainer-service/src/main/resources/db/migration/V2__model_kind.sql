-- Models of any kind (TVAE, trajectory) trained on any source (simulated, real, merged).
ALTER TABLE models ADD COLUMN kind VARCHAR(32) NOT NULL DEFAULT 'tvae';
ALTER TABLE models ADD COLUMN source VARCHAR(32) NOT NULL DEFAULT 'simulated';
-- For a model trained on a user's data merged with the simulated seed: the user's rows' share of all rows.
ALTER TABLE models ADD COLUMN real_weight DOUBLE PRECISION;
