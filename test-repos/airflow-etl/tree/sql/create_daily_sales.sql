-- One row per day, store and product. The primary key is what the upsert
-- conflicts on, so a rerun of a day replaces its rows instead of adding more.
CREATE TABLE IF NOT EXISTS daily_sales (
    sale_date   date           NOT NULL,
    store_id    text           NOT NULL,
    sku         text           NOT NULL,
    units       integer        NOT NULL,
    revenue     numeric(12, 2) NOT NULL,
    orders      integer        NOT NULL CHECK (orders > 0),
    loaded_at   timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (sale_date, store_id, sku)
);
