-- Models of any kind (TVAE, trajectory) trained on any source (simulated, real, merged).
ALTER TABLE models ADD COLUMN kind VARCHAR(32) NOT NULL DEFAULT 'tvae';
ALTER TABLE models ADD COLUMN source VARCHAR(32) NOT NULL DEFAULT 'simulated';
