-- No read filters the yearly figures by year alone: an IKM's are read by (enterpriseId, year), and
-- the turnover comparison reads the growth shares. The index cost every figure written, and 2-3 s
-- of seed:synthetic's load at a million IKM.
DROP INDEX "EnterpriseYearFigure_year_idx";
