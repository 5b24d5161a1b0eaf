-- v3: a training's mix rule (minimum share of marketing and of sales among its participants, in percent).
ALTER TABLE activities ADD COLUMN mix_min_marketing INTEGER CHECK (mix_min_marketing BETWEEN 0 AND 100);
ALTER TABLE activities ADD COLUMN mix_min_sales INTEGER CHECK (mix_min_sales BETWEEN 0 AND 100);
CREATE INDEX activities_site_start ON activities(site_id, start_at);
