-- Revenue per store per ISO week, for the Monday sales review.
SELECT
    date_trunc('week', sale_date)::date AS week_start,
    store_id,
    sum(units)   AS units,
    sum(revenue) AS revenue
FROM daily_sales
WHERE sale_date >= current_date - interval '8 weeks'
GROUP BY 1, 2
ORDER BY week_start DESC, revenue DESC;
