INSERT INTO daily_sales (sale_date, store_id, sku, units, revenue, orders)
VALUES (%(sale_date)s, %(store_id)s, %(sku)s, %(units)s, %(revenue)s, %(orders)s)
ON CONFLICT (sale_date, store_id, sku) DO UPDATE
SET units     = EXCLUDED.units,
    revenue   = EXCLUDED.revenue,
    orders    = EXCLUDED.orders,
    loaded_at = now();
